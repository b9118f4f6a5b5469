/**
 * The back-office's frame and the components its pages share: the layout and menu, sign-in and error
 * pages, money and dates in the user's language, the JSON diff, lists that refresh themselves.
 */
@ApplicationModule(allowedDependencies = {"base"})
package io.tillsync.backoffice;

import org.springframework.modulith.ApplicationModule;
