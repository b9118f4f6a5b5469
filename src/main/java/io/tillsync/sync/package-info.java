/**
 * The device protocol at its edge: batch-sync with its admission and replay cache, the pull, and
 * resolving from a till.
 */
@ApplicationModule(allowedDependencies = {"base", "catalog", "security", "devices", "sales", "recovery"})
package io.tillsync.sync;

import org.springframework.modulith.ApplicationModule;
