/**
 * How the API finds its runtime ({@code mephisto-core}) through {@link java.util.ServiceLoader}.
 *
 * <p>Nothing in this package takes or returns {@code null} unless it is marked {@code @Nullable}.
 */
@NullMarked
package dev.mephisto.spi;

import org.jspecify.annotations.NullMarked;
