/**
 * The codec SPI: {@link dev.mephisto.codec.Codec}s turn values into bytes and back, {@link
 * dev.mephisto.codec.CodecProvider}s make them by name.
 *
 * <p>Nothing in this package takes or returns {@code null} unless it is marked {@code @Nullable}.
 */
@NullMarked
package dev.mephisto.codec;

import org.jspecify.annotations.NullMarked;
