package dev.mephisto.harness.chaos;

import dev.mephisto.Model;

/**
 * One input event of the chaos workload.
 *
 * @param id its sequence number, 0 to events - 1: every output names the event it came from
 * @param account the key the counter agent groups by
 * @param time event time, epoch milliseconds (also the record's timestamp)
 */
@Model(namespace = "mephisto.harness.ChaosEvent")
public record ChaosEvent(long id, String account, long time) {}
