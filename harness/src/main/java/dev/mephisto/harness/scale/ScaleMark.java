package dev.mephisto.harness.scale;

import dev.mephisto.Model;

/**
 * What a scale worker writes for every event it processes: where the event was and when it was
 * processed. The harness measures pauses from these, from outside the workers.
 *
 * @param partition the input partition
 * @param offset the input offset
 * @param worker the worker index
 * @param processedAt the worker's wall clock when it processed the event, epoch ms
 * @param count the key's count after this event
 */
@Model(namespace = "mephisto.harness.ScaleMark")
public record ScaleMark(int partition, long offset, int worker, long processedAt, long count) {}
