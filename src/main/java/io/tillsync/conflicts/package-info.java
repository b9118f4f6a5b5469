/**
 * The conflicts back-office: the list, each conflict side by side, its history, bulk resolution and
 * the backlog gauges. It reads the conflicts sales stored and asks sales to resolve them.
 */
@ApplicationModule(allowedDependencies = {"base", "catalog", "security", "sales", "backoffice"})
package io.tillsync.conflicts;

import org.springframework.modulith.ApplicationModule;

