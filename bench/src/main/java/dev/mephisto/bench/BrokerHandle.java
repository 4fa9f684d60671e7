package dev.mephisto.bench;

import dev.mephisto.testkit.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The broker a bench run uses: an external one, or an embedded one in its own JVM or in this. */
final class BrokerHandle implements AutoCloseable {
  /** Heap of the broker's own JVM. */
  private static final String BROKER_HEAP = "2g";

  private final String bootstrap;
  private final EmbeddedKafka embedded;
  private final BrokerProcess process;

  private BrokerHandle(String bootstrap, EmbeddedKafka embedded, BrokerProcess process) {
    this.bootstrap = bootstrap;
    this.embedded = embedded;
    this.process = process;
  }

  /**
   * @param external bootstrap servers of an external broker, if one is to be used
   * @param placement where an embedded broker runs
   * @param out where one line about the broker goes
   * @return the broker, started if embedded
   */
  static BrokerHandle start(
      Optional<String> external, BenchOptions.BrokerPlacement placement, PrintStream out) {
    if (external.isPresent()) {
      out.println("Using broker " + external.get());
      return new BrokerHandle(external.get(), null, null);
    }
    if (placement == BenchOptions.BrokerPlacement.SEPARATE_JVM) {
      long t = System.nanoTime();
      try {
        BrokerProcess p = BrokerProcess.start(BROKER_HEAP, out);
        out.printf("Embedded Kafka broker at %s started in its own JVM (pid %d, -Xmx%s) in %d ms%n",
            p.bootstrapServers(), p.pid(), BROKER_HEAP, (System.nanoTime() - t) / 1_000_000);
        return new BrokerHandle(p.bootstrapServers(), null, p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    EmbeddedKafka broker = EmbeddedKafka.builder().build().start();
    out.printf("Embedded Kafka broker at %s started in this JVM in %d ms%n",
        broker.bootstrapServers(), broker.lastStartTime().toMillis());
    return new BrokerHandle(broker.bootstrapServers(), broker, null);
  }

  /** @return the broker's bootstrap servers */
  String bootstrapServers() {
    return bootstrap;
  }

  /** Stops an embedded broker; leaves an external one alone. */
  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
    if (process != null) {
      process.close();
    }
  }
}
