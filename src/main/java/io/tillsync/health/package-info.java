/**
 * Sync health: what admins and managers watch (the dashboard, the devices list, a device's page with
 * its gaps and log) and the device actions taken from those pages.
 */
@ApplicationModule(allowedDependencies = {"base", "catalog", "security", "devices", "sales", "conflicts", "backoffice"})
package io.tillsync.health;

import org.springframework.modulith.ApplicationModule;

