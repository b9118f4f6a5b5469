/**
 * Branches, products, prices, stock and its ledger, and each branch's change feed. It hands out
 * immutable values ({@link io.tillsync.catalog.Branch}, {@link io.tillsync.catalog.ProductInfo}), never its entities.
 */
@ApplicationModule(allowedDependencies = {"base", "backoffice"})
package io.tillsync.catalog;

import org.springframework.modulith.ApplicationModule;
