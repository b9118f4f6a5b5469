/**
 * The booking workflow and its ledger. Sales own every step of an item's life: reading what a till
 * sends, booking it once, detecting and storing conflicts, settling them by the branch's policy or by a
 * person's resolution, and the effects on sales and stock. Other modules only read what it wrote.
 */
@ApplicationModule(allowedDependencies = {"base", "catalog", "security", "devices", "backoffice"})
package io.tillsync.sales;

import org.springframework.modulith.ApplicationModule;

