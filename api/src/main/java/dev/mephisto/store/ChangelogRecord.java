package dev.mephisto.store;

import org.jspecify.annotations.Nullable;

/**
 * One record read from a table's changelog, applied in batches during restore.
 *
 * @param key the key bytes
 * @param value the value bytes; null is a tombstone (delete)
 * @param offset the record's changelog offset
 */
public record ChangelogRecord(byte[] key, byte @Nullable [] value, long offset) {}
