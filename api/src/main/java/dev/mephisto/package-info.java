/**
 * The public API of Mephisto: apps, topics, agents, streams, tables and their settings.
 *
 * <p>Nothing in this package takes or returns {@code null} unless it is marked {@code @Nullable}.
 */
@NullMarked
package dev.mephisto;

import org.jspecify.annotations.NullMarked;
