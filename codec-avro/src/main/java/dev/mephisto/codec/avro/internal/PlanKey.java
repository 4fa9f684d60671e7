package dev.mephisto.codec.avro.internal;

import org.apache.avro.Schema;

/**
 * A record class planned against one schema; lets recursive records refer to their own plan.
 *
 * @param type the record class
 * @param schema the schema it is written or read with
 */
record PlanKey(Class<?> type, Schema schema) {}
