package dev.mephisto.bench.data;

/**
 * The value of every input record, as JSON of about 100 bytes.
 *
 * @param id sequence number of the record in the data set
 * @param account one of {@link DataGenerator#ACCOUNTS} accounts, e.g. {@code acct-0042}
 * @param amount 0 to 999
 * @param note lowercase padding that brings the JSON to {@link DataGenerator#VALUE_SIZE} bytes
 */
public record Order(long id, String account, int amount, String note) {

  /** @return whether filter-map keeps this order: three of four amounts pass */
  public boolean kept() {
    return amount % 4 != 0;
  }

  /**
   * @param key the record key
   * @return what filter-map writes for a kept order
   */
  public Summary summarize(String key) {
    return new Summary(key, account, amount * 100L, amount >= 500);
  }
}
