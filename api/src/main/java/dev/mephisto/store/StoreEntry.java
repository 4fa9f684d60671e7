package dev.mephisto.store;

/**
 * One key and value of a {@link Store}.
 *
 * @param key the key bytes
 * @param value the value bytes
 */
public record StoreEntry(byte[] key, byte[] value) {}
