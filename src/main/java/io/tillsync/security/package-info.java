/**
 * Back-office users and roles, who is signed in and which branches they may see, and the filter
 * chains of the device API, the admin API and the back-office.
 */
@ApplicationModule(allowedDependencies = {"base", "catalog", "backoffice"})
package io.tillsync.security;

import org.springframework.modulith.ApplicationModule;
