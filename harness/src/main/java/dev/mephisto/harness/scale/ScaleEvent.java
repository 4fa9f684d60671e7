package dev.mephisto.harness.scale;

import dev.mephisto.Model;

/**
 * One input event of the scale workload (about 100 bytes of JSON).
 *
 * @param account the key: the input is keyed by it, so the count table is co-partitioned
 * @param seq its sequence number
 * @param pad filler
 */
@Model(namespace = "mephisto.harness.ScaleEvent")
public record ScaleEvent(String account, long seq, String pad) {}
