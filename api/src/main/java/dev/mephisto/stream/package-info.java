/**
 * The stream operator SPI: reusable stream transformations found by name.
 *
 * <p>Nothing in this package takes or returns {@code null} unless it is marked {@code @Nullable}.
 */
@NullMarked
package dev.mephisto.stream;

import org.jspecify.annotations.NullMarked;
