/**
 * Codec {@code json}, compatible with Python Faust's {@code json} codec; see {@link
 * dev.mephisto.codec.json.JsonCodecProvider}.
 */
package dev.mephisto.codec.json;
