package dev.mephisto.bench.jmh;

import dev.mephisto.codec.Codec;
import dev.mephisto.codec.avro.AvroCodecProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mephisto's {@code avro} codec (Confluent wire format, schema derived from the {@link Trade}
 * record, {@code mock://} registry) against bare Avro {@link GenericDatumWriter}/{@link
 * GenericDatumReader} with reused encoders, decoders and records, on the same 10-field schema.
 * {@code generic} measures Avro alone on a prebuilt {@link GenericRecord}; {@code generic+mapping}
 * adds copying the Java record into a {@link GenericRecord} and back, the work Mephisto's codec
 * does for a record.
 *
 * <p>{@code java -jar bench/target/mephisto-bench.jar --jmh AvroCodecBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AvroCodecBenchmark {
  static final Schema SCHEMA = new Schema.Parser().parse("""
      {"type": "record", "name": "Trade", "namespace": "dev.mephisto.bench.jmh", "fields": [
        {"name": "id", "type": "string"},
        {"name": "account", "type": "string"},
        {"name": "symbol", "type": "string"},
        {"name": "venue", "type": "string"},
        {"name": "quantity", "type": "long"},
        {"name": "price", "type": "double"},
        {"name": "fee", "type": "double"},
        {"name": "side", "type": "int"},
        {"name": "settled", "type": "boolean"},
        {"name": "timestamp", "type": "long"}]}
      """);

  /** Which implementation. */
  @Param({"mephisto-avro", "generic", "generic+mapping"})
  public String codec;

  private Trade trade;
  private GenericRecord record;
  private byte[] encoded;
  private Codec mephisto;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
  private final GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(SCHEMA);
  private final GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(SCHEMA);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;
  private GenericRecord reused;

  /** Creates the codec (registering the schema) and encodes the trade once. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    trade = Trade.sample();
    record = toGeneric(trade);
    if (codec.equals("mephisto-avro")) {
      mephisto = new AvroCodecProvider().create(Map.of("schema.registry.url", "mock://jmh"));
    }
    encoded = encode();
    Trade back = codec.equals("generic") ? fromGeneric((GenericRecord) decode()) : (Trade) decode();
    if (!trade.equals(back)) {
      throw new IllegalStateException("'" + codec + "' does not round-trip: " + back);
    }
  }

  /**
   * @return the trade's bytes
   * @throws IOException never here
   */
  @Benchmark
  public byte[] encode() throws IOException {
    if (mephisto != null) {
      return mephisto.encode(trade);
    }
    out.reset();
    encoder = EncoderFactory.get().binaryEncoder(out, encoder);
    writer.write(codec.equals("generic") ? record : toGeneric(trade), encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /**
   * @return the trade (or, for {@code generic}, the generic record) read back
   * @throws IOException never here
   */
  @Benchmark
  public Object decode() throws IOException {
    if (mephisto != null) {
      return mephisto.decode(encoded, Trade.class);
    }
    decoder = DecoderFactory.get().binaryDecoder(encoded, decoder);
    reused = reader.read(reused, decoder);
    return codec.equals("generic") ? reused : fromGeneric(reused);
  }

  static GenericRecord toGeneric(Trade t) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put(0, t.id());
    r.put(1, t.account());
    r.put(2, t.symbol());
    r.put(3, t.venue());
    r.put(4, t.quantity());
    r.put(5, t.price());
    r.put(6, t.fee());
    r.put(7, t.side());
    r.put(8, t.settled());
    r.put(9, t.timestamp());
    return r;
  }

  static Trade fromGeneric(GenericRecord r) {
    return new Trade(r.get(0).toString(), r.get(1).toString(), r.get(2).toString(),
        r.get(3).toString(), (Long) r.get(4), (Double) r.get(5), (Double) r.get(6),
        (Integer) r.get(7), (Boolean) r.get(8), (Long) r.get(9));
  }
}
