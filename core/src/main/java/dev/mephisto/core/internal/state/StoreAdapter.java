package dev.mephisto.core.internal.state;

import dev.mephisto.store.Store;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreWrite;
import java.util.BitSet;
import java.util.List;

/**
 * The bottom layer: a plug-in {@link Store} as a {@link StateStore}, nothing logged. Used alone
 * for stores without a changelog (before the app starts); {@link LoggedStore} adds the log.
 */
public class StoreAdapter implements StateStore {
  /** The plug-in store. */
  protected final Store store;

  /** @param store the plug-in store */
  public StoreAdapter(Store store) {
    this.store = store;
  }

  /** @return the plug-in store */
  public final Store store() {
    return store;
  }

  @Override
  public final byte[] get(byte[] key) {
    return store.get(key).orElse(null);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    write(key, value);
  }

  @Override
  public final void putLocal(byte[] key, byte[] value) {
    write(key, value);
  }

  /** Writes to the store only. */
  protected final void write(byte[] key, byte[] value) {
    if (value == null) {
      store.delete(key);
    } else {
      store.put(key, value);
    }
  }

  @Override
  public void putAll(List<StoreWrite> batch, BitSet local) {
    store.putAll(batch);
  }

  @Override
  public final StoreIterator range(byte[] from, byte[] to) {
    return store.range(from, to);
  }

  @Override
  public final StoreIterator all() {
    return store.all();
  }

  @Override
  public void flush() {}
}
