/**
 * The {@code memory://} table store: one sorted in-memory map per table partition, lost when the
 * partition is closed or the process stops (tables are then restored from their changelogs).
 */
package dev.mephisto.store.memory;
