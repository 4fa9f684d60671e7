package dev.mephisto.bench.jmh;

/**
 * The record the codec benchmarks encode and decode: ten fields of the usual kinds.
 *
 * @param id trade id
 * @param account account name
 * @param symbol instrument
 * @param venue where it traded
 * @param quantity units
 * @param price price per unit
 * @param fee fee paid
 * @param side 1 buy, -1 sell
 * @param settled whether it settled
 * @param timestamp epoch milliseconds
 */
public record Trade(
    String id,
    String account,
    String symbol,
    String venue,
    long quantity,
    double price,
    double fee,
    int side,
    boolean settled,
    long timestamp) {

  /** @return the trade every codec benchmark uses */
  public static Trade sample() {
    return new Trade("T-0000012345", "acct-0042", "ACME", "XNAS", 1500, 101.25, 0.35, 1, true,
        1_767_225_600_000L);
  }
}
