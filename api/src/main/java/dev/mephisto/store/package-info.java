/**
 * The store SPI: a {@link dev.mephisto.store.Store} holds one table partition; {@link
 * dev.mephisto.store.StoreProvider}s open them by URL scheme.
 *
 * <p>Nothing in this package takes or returns {@code null} unless it is marked {@code @Nullable}.
 */
@NullMarked
package dev.mephisto.store;

import org.jspecify.annotations.NullMarked;
