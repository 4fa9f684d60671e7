/** Byte codec {@code binary} (base64, as Faust); see {@link dev.mephisto.codec.binary.BinaryCodecProvider}. */
package dev.mephisto.codec.binary;
