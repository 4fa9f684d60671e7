package dev.mephisto.core.internal.state;

import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.StoreWrite;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A store that forwards every call, for tests that watch some of them. */
public class ForwardingStore implements Store {
  private final Store inner;

  /** @param inner the store every call goes to */
  public ForwardingStore(Store inner) {
    this.inner = inner;
  }

  @Override
  public StoreSpec spec() {
    return inner.spec();
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    return inner.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    inner.put(key, value);
  }

  @Override
  public void delete(byte[] key) {
    inner.delete(key);
  }

  @Override
  public void putAll(List<StoreWrite> batch) {
    inner.putAll(batch);
  }

  @Override
  public StoreIterator range(byte[] from, byte[] to) {
    return inner.range(from, to);
  }

  @Override
  public StoreIterator all() {
    return inner.all();
  }

  @Override
  public long approximateCount() {
    return inner.approximateCount();
  }

  @Override
  public void applyChangelog(List<ChangelogRecord> batch) {
    inner.applyChangelog(batch);
  }

  @Override
  public void checkpoint(long offset) {
    inner.checkpoint(offset);
  }

  @Override
  public OptionalLong persistedOffset() {
    return inner.persistedOffset();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public void flush() {
    inner.flush();
  }

  @Override
  public void close() {
    inner.close();
  }
}
