/**
 * Implementation shared by the API's own classes (codec chains, the raw and string codecs,
 * settings parsing, provider loading). Not for applications: it changes without notice.
 *
 * <p>Nothing in this package takes or returns {@code null} unless it is marked {@code @Nullable}.
 */
@NullMarked
package dev.mephisto.internal;

import org.jspecify.annotations.NullMarked;
