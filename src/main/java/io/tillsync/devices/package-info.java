/**
 * The device registry: enrolling, pairing, rotating and revoking a till's token, the principal a
 * token stands for, the sync log and the sale numbers each till sent.
 */
@ApplicationModule(allowedDependencies = {"base", "catalog", "security"})
package io.tillsync.devices;

import org.springframework.modulith.ApplicationModule;

