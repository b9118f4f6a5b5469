/**
 * The browser till, served as static files at {@code /till/}.
 */
@ApplicationModule(allowedDependencies = {})
package io.tillsync.till;

import org.springframework.modulith.ApplicationModule;
