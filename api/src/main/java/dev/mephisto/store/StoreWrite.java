package dev.mephisto.store;

import java.util.Objects;

/**
 * One write of a batch given to {@link Store#putAll}: a put, or a delete when {@code value} is
 * null.
 *
 * <pre>{@code
 * store.putAll(List.of(StoreWrite.put(k1, v1), StoreWrite.delete(k2)));
 * }</pre>
 *
 * @param key the key bytes
 * @param value the value bytes; null deletes the key
 */
public record StoreWrite(byte[] key, byte[] value) {
  /** Checks the key. */
  public StoreWrite {
    Objects.requireNonNull(key, "key");
  }

  /**
   * @param key key bytes
   * @param value value bytes, not null
   * @return a put
   */
  public static StoreWrite put(byte[] key, byte[] value) {
    return new StoreWrite(key, Objects.requireNonNull(value, "value"));
  }

  /**
   * @param key key bytes
   * @return a delete
   */
  public static StoreWrite delete(byte[] key) {
    return new StoreWrite(key, null);
  }

  /** @return true if this write deletes its key */
  public boolean isDelete() {
    return value == null;
  }
}
