/**
 * The back-office shell and the components the feature views share: the feature modules' views
 * use these, so the package is part of {@code base}'s public face.
 */
@NamedInterface("ui")
package io.tillsync.base.ui;

import org.springframework.modulith.NamedInterface;
