package dev.mephisto.bench.data;

/**
 * What filter-map writes for each kept {@link Order}, as JSON.
 *
 * @param key the input record's key
 * @param account the order's account
 * @param amountCents amount times 100
 * @param large amount of 500 or more
 */
public record Summary(String key, String account, long amountCents, boolean large) {}
