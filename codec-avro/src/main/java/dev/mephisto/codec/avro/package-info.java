/**
 * The {@code avro} codec: Avro with a Schema Registry in Confluent's wire format.
 *
 * <p>Settings, read from the app's codec configuration ({@code App.builder(id).codecConfig(name,
 * value)}); the names are Confluent's:
 *
 * <ul>
 *   <li>{@code schema.registry.url} (required): one URL, several separated by commas (tried in
 *       turn when one is unreachable), or {@code mock://<scope>} for an in-process registry.
 *       {@code https} URLs use the JDK's default {@code SSLContext} ({@code javax.net.ssl.*}).
 *   <li>{@code basic.auth.credentials.source}: {@code USER_INFO} (the default when {@code
 *       basic.auth.user.info} is set) or {@code URL} (credentials in the URL, {@code
 *       http://user:password@host}); {@code basic.auth.user.info}: {@code user:password}.
 *   <li>{@code auto.register.schemas} (default {@code true}): register a value's schema on first
 *       use; when {@code false} the schema must already be registered under the subject.
 *   <li>{@code use.latest.version} (default {@code false}): write with the subject's latest
 *       schema, matching fields by name; nothing is registered. {@code latest.cache.ttl.sec}
 *       (default -1, forever) re-reads the latest version after that many seconds.
 *   <li>{@code key.subject.name.strategy}, {@code value.subject.name.strategy}: {@code TopicName}
 *       (default, {@code <topic>-key} / {@code <topic>-value}), {@code RecordName} (the record's
 *       full name) or {@code TopicRecordName} ({@code <topic>-<full name>}); Confluent's class
 *       names such as {@code io.confluent.kafka.serializers.subject.RecordNameStrategy} work
 *       too. A codec used without a topic names the subject after the record.
 *   <li>{@code http.connect.timeout.ms} (default 10000), {@code http.read.timeout.ms} (default
 *       30000), {@code max.retries} (default 3), {@code retries.wait.ms} (default 200, doubled on
 *       each retry), {@code retries.max.wait.ms} (default 5000).
 *   <li>{@code registry.failure.backoff.ms} (default 5000): after the registry failed (down,
 *       timeout, 408, 429, 5xx, 401, 403), requests fail at once for this long, as {@link
 *       dev.mephisto.TransientCodecException}s the runtime retries; then one request tries again.
 *       {@code missing.id.cache.ttl.sec} (default 60) and {@code missing.cache.size} (default
 *       10000): schema ids the registry does not know are remembered, and fail as plain {@link
 *       dev.mephisto.CodecException}s (the payload's fault) without a request.
 *   <li>Limits of one message: {@code avro.max.depth} (default 500, records nested in records),
 *       {@code avro.max.items} (default 1000000, items of all arrays and maps together), {@code
 *       avro.max.empty.items} (default 10000, items that take no bytes). Every length is checked
 *       against the bytes left before anything is allocated. See {@code docs/codec-limits.md}.
 * </ul>
 *
 * <p>Decoding is strict: strings must be well-formed UTF-8, booleans 0 or 1, decimals within
 * their precision, union and enum indexes in range, and nothing may follow the value. The
 * credentials in a URL's user info never appear in a message or a log line.
 *
 * <p>Java records map to Avro as follows: records to records (name from {@code
 * @Model(namespace = "a.b.Name")}, else package and simple name), {@code boolean}, {@code int}
 * ({@code short}, {@code byte}), {@code long}, {@code float}, {@code double}, {@code String},
 * {@code byte[]}/{@code ByteBuffer} to {@code bytes}, enums to enums, {@code List}/{@code Set} to
 * arrays, {@code Map<String, V>} to maps, {@code Optional<T>} and components annotated with any
 * {@code @Nullable} to {@code ["null", T]} with default {@code null}, {@code Instant} to {@code
 * timestamp-millis} ({@link dev.mephisto.codec.avro.AvroTimestamp} for more), {@code LocalDate} to
 * {@code date}, {@code BigDecimal} to {@code decimal} ({@link dev.mephisto.codec.avro.AvroDecimal})
 * and {@code UUID} to {@code uuid}. Field names are those {@code json} writes: the model's {@code
 * @Model(naming = ...)} ({@code Naming.SNAKE_CASE} gives {@code account_id} for {@code accountId})
 * or a component's {@code @FieldName}, so a record with camelCase components reads data keyed by a
 * Python or Confluent producer's snake_case names. {@code @FieldDefault} (text read with the
 * component's type) or {@link dev.mephisto.codec.avro.AvroDefault} (Avro's JSON) gives a component
 * a default. Decoding resolves the writer's schema (fetched by id) against the reader's: added fields
 * with defaults, removed fields, {@code int -> long -> float -> double} and {@code string <-> bytes}
 * work; anything else fails naming the field and both types.
 */
package dev.mephisto.codec.avro;
