package dev.mephisto;

/**
 * A value with its position in the stream, as yielded by {@link Stream#enumerate()}.
 *
 * @param index zero-based position since the agent instance started
 * @param value the value
 * @param <V> value type
 */
public record Indexed<V>(long index, V value) {}
