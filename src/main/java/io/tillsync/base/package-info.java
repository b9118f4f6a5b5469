/**
 * The shared kernel: the database (embedded or external), ids, the API's envelope and refusals, retried
 * transactions, the clock. Every module may use it; it uses none.
 */
@ApplicationModule(allowedDependencies = {})
package io.tillsync.base;

import org.springframework.modulith.ApplicationModule;
