/**
 * Simulated tills selling through the device API, for {@code --demo}.
 */
@ApplicationModule(allowedDependencies = {"base", "catalog", "devices", "sales"})
package io.tillsync.demo;

import org.springframework.modulith.ApplicationModule;
