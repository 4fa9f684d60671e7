package dev.mephisto.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
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
 * Mephisto's {@code json} and {@code json|binary} codecs against a bare Jackson {@link
 * ObjectMapper} (with a cached reader and writer, as a careful user would) on the same {@link
 * Trade}. {@code jackson+base64} is the bare equivalent of {@code json|binary}. Mephisto's json
 * also writes Faust's {@code "__faust": {"ns": ...}} field, so its bytes are longer.
 *
 * <p>{@code java -jar bench/target/mephisto-bench.jar --jmh JsonCodecBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonCodecBenchmark {
  /** Which codec. */
  @Param({"jackson", "json", "jackson+base64", "json|binary"})
  public String codec;

  private Trade trade;
  private byte[] encoded;
  private Codec mephisto;
  private ObjectWriter writer;
  private ObjectReader reader;
  private boolean base64;

  /** Resolves the codec and encodes the trade once for the decode benchmark. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    trade = Trade.sample();
    ObjectMapper mapper = new ObjectMapper();
    writer = mapper.writerFor(Trade.class);
    reader = mapper.readerFor(Trade.class);
    base64 = codec.equals("jackson+base64");
    mephisto = codec.startsWith("json") ? Codecs.get(codec) : null;
    encoded = encode();
    Trade back = decode();
    if (!trade.equals(back)) {
      throw new IllegalStateException("'" + codec + "' does not round-trip: " + back);
    }
  }

  /**
   * @return the trade's bytes
   * @throws IOException never for this record
   */
  @Benchmark
  public byte[] encode() throws IOException {
    if (mephisto != null) {
      return mephisto.encode(trade);
    }
    byte[] json = writer.writeValueAsBytes(trade);
    return base64 ? Base64.getEncoder().encode(json) : json;
  }

  /**
   * @return the trade read back
   * @throws IOException never for these bytes
   */
  @Benchmark
  public Trade decode() throws IOException {
    if (mephisto != null) {
      return mephisto.decode(encoded, Trade.class);
    }
    return reader.readValue(base64 ? Base64.getDecoder().decode(encoded) : encoded);
  }
}
