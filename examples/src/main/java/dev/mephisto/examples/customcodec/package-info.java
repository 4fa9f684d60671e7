/**
 * A custom codec as a user writes one: a {@link dev.mephisto.codec.ByteCodec}, its {@link
 * dev.mephisto.codec.CodecProvider}, and one line in {@code
 * META-INF/services/dev.mephisto.codec.CodecProvider}.
 */
package dev.mephisto.examples.customcodec;
