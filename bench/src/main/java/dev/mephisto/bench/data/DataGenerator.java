package dev.mephisto.bench.data;

import dev.mephisto.testkit.KafkaTestClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes the input: integer keys uniform over {@link #KEYS}, JSON {@link Order} values of {@link
 * #VALUE_SIZE} bytes, timestamps spread evenly over {@link #EVENT_TIME_SPAN}. Deterministic (fixed
 * seed), and computes the expected results while writing.
 */
public final class DataGenerator {
  /** Distinct keys. */
  public static final int KEYS = 10_000;

  /** Distinct accounts, the field repartition groups by. */
  public static final int ACCOUNTS = 1_000;

  /** Size of each value in bytes. */
  public static final int VALUE_SIZE = 100;

  /** Event time covered by the whole data set, whatever its size: about 20 hopping windows. */
  public static final Duration EVENT_TIME_SPAN = Duration.ofSeconds(10);

  private static final long SEED = 42;
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

  private DataGenerator() {}

  /**
   * @param index account number
   * @return its name, e.g. {@code acct-0042}
   */
  public static String account(int index) {
    return ACCOUNT_NAMES[index];
  }

  private static final String[] ACCOUNT_NAMES = new String[ACCOUNTS];

  static {
    for (int i = 0; i < ACCOUNTS; i++) {
      ACCOUNT_NAMES[i] = String.format("acct-%04d", i);
    }
  }

  /**
   * Creates and fills the input topic.
   *
   * @param client test client of the broker
   * @param topic input topic name
   * @param partitions its partitions
   * @param records how many records
   * @param restoreApp application id of the restore workload's table
   * @param restoreEntries entries of the restore table (loaded later by {@link #loadRestore})
   * @param progress told the number of records written so far, now and then
   * @return the data set with its expected results
   */
  public static Dataset load(
      KafkaTestClient client,
      String topic,
      int partitions,
      long records,
      String restoreApp,
      long restoreEntries,
      LongConsumer progress) {
    client.createTopic(topic, partitions);
    long[] keyCounts = new long[KEYS];
    long[] accountCounts = new long[ACCOUNTS];
    TreeMap<Long, Long> windows = new TreeMap<>();
    long kept = 0;
    long keyBytes = 0;
    long valueBytes = 0;
    long start = (System.currentTimeMillis() / 1000) * 1000 - EVENT_TIME_SPAN.toMillis();
    long advance = Dataset.WINDOW_ADVANCE.toMillis();
    long size = Dataset.WINDOW_SIZE.toMillis();
    SplittableRandom random = new SplittableRandom(SEED);
    StringBuilder json = new StringBuilder(VALUE_SIZE + 16);
    try (Writer writer = new Writer(client)) {
      for (long i = 0; i < records; i++) {
        int key = random.nextInt(KEYS);
        int account = random.nextInt(ACCOUNTS);
        int amount = random.nextInt(1000);
        long timestamp = start + i * EVENT_TIME_SPAN.toMillis() / records;
        byte[] keyBytesOf = Integer.toString(key).getBytes(StandardCharsets.US_ASCII);
        byte[] value = value(json, i, account, amount);
        writer.send(new ProducerRecord<>(topic, null, timestamp, keyBytesOf, value));
        keyCounts[key]++;
        accountCounts[account]++;
        if (amount % 4 != 0) {
          kept++;
        }
        for (long w = timestamp - Math.floorMod(timestamp, advance); w > timestamp - size; w -= advance) {
          windows.merge(w, 1L, Long::sum);
        }
        keyBytes += keyBytesOf.length;
        valueBytes += value.length;
        if ((i + 1) % 100_000 == 0) {
          progress.accept(i + 1);
        }
      }
    }
    progress.accept(records);
    return new Dataset(
        topic, partitions, records, keyBytes, valueBytes, keyCounts, accountCounts, kept,
        windows, restoreApp, restoreEntries);
  }

  /**
   * Creates and fills the restore changelog: keys {@code r0000000}..., 8-byte big-endian values
   * 0, 1, 2, ... (Kafka's {@code LongSerializer}), compacted.
   *
   * @param client test client of the broker
   * @param dataset the data set naming the topic and the entry count
   * @param progress told the number of records written so far, now and then
   */
  public static void loadRestore(KafkaTestClient client, Dataset dataset, LongConsumer progress) {
    client.createTopic(
        dataset.restoreTopic(), dataset.partitions(), Map.of("cleanup.policy", "compact"));
    try (Writer writer = new Writer(client)) {
      for (long i = 0; i < dataset.restoreEntries(); i++) {
        byte[] key = restoreKey(i);
        byte[] value = ByteBuffer.allocate(Long.BYTES).putLong(i).array();
        writer.send(new ProducerRecord<>(dataset.restoreTopic(), key, value));
        if ((i + 1) % 200_000 == 0) {
          progress.accept(i + 1);
        }
      }
    }
    progress.accept(dataset.restoreEntries());
  }

  /** @return {@code r} and the index in 7 or more digits, without String.format per record */
  private static byte[] restoreKey(long i) {
    String digits = Long.toString(i);
    byte[] key = new byte[1 + Math.max(7, digits.length())];
    key[0] = 'r';
    int pad = key.length - 1 - digits.length();
    for (int p = 0; p < pad; p++) {
      key[1 + p] = '0';
    }
    for (int d = 0; d < digits.length(); d++) {
      key[1 + pad + d] = (byte) digits.charAt(d);
    }
    return key;
  }

  private static byte[] value(StringBuilder json, long id, int account, int amount) {
    json.setLength(0);
    json.append("{\"id\":").append(id)
        .append(",\"account\":\"").append(account(account))
        .append("\",\"amount\":").append(amount)
        .append(",\"note\":\"");
    int pad = VALUE_SIZE - json.length() - 2;
    int offset = (int) (id % LETTERS.length());
    for (int c = 0; c < pad; c++) {
      json.append(LETTERS.charAt((offset + c) % LETTERS.length()));
    }
    json.append("\"}");
    return json.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** A producer tuned for bulk loading that fails on the first error. */
  private static final class Writer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    Writer(KafkaTestClient client) {
      Map<String, Object> props = client.producerProperties();
      props.put(ProducerConfig.ACKS_CONFIG, "1");
      props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
      props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
      props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
      producer = new KafkaProducer<>(props);
    }

    void send(ProducerRecord<byte[], byte[]> record) {
      Exception e = failure.get();
      if (e != null) {
        throw new IllegalStateException("Loading topic '" + record.topic() + "' failed: " + e, e);
      }
      producer.send(record, (metadata, error) -> {
        if (error != null) {
          failure.compareAndSet(null, error);
        }
      });
    }

    @Override
    public void close() {
      producer.flush();
      producer.close();
      Exception e = failure.get();
      if (e != null) {
        throw new IllegalStateException("Loading the bench data failed: " + e, e);
      }
    }
  }
}
