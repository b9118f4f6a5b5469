/**
 * Backups, their verification and the restore, and the recovery panel that follows the tills' refill.
 */
@ApplicationModule(allowedDependencies = {"base", "security", "health", "sales", "backoffice"})
package io.tillsync.recovery;

import org.springframework.modulith.ApplicationModule;
