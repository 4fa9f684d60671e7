package dev.mephisto.bench.mephisto;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.RecordMetadata;
import dev.mephisto.bench.Observed;
import dev.mephisto.bench.ProducerProfile;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.WorkloadRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Runs one Mephisto app on the bench's broker: at-least-once, the bench's common commit interval
 * ({@code --commit-interval}, the same for all three) and no count-based commit ({@code
 * commitEvery}), one agent instance, everything else at Mephisto's defaults. Subclasses declare
 * topics, tables and agents as a user would.
 */
abstract class MephistoRunner implements WorkloadRunner {
  /**
   * System property naming a Mephisto settings file (e.g. {@code commitEvery=100000}) that wins
   * over the bench's settings: for trying other settings, never used by the reported runs.
   */
  static final String SETTINGS_PROPERTY = "mephisto.bench.settings";

  protected App app;

  /**
   * Declares the workload's topics, tables and agents.
   *
   * @param app the app, not started
   * @param ctx the run
   */
  abstract void declare(App app, RunContext ctx);

  /**
   * Reads what the app computed; the app is still running.
   *
   * @param ctx the run
   * @return the result
   */
  abstract Observed result(RunContext ctx);

  /**
   * @param ctx the run
   * @return the app id (consumer group, prefix of internal topics)
   */
  String appId(RunContext ctx) {
    return ctx.name("app");
  }

  /**
   * @param ctx the run
   * @return the builder every runner starts from; subclasses may add a store
   */
  AppBuilder builder(RunContext ctx) {
    return App.builder(appId(ctx))
        .broker("kafka://" + ctx.bootstrapServers())
        .commitInterval(ctx.commitInterval())
        // Commits on the common interval only, as raw and Kafka Streams do: Mephisto's default
        // also commits every 10 000 events (Faust's commit_every), up to 30 times a second at
        // these rates. Its cost is measured with -Dmephisto.bench.settings=f, f: commitEvery=10000.
        .commitEvery(Integer.MAX_VALUE)
        .topicPartitions(ctx.dataset().partitions())
        .web("127.0.0.1", 0) // several apps share this JVM: no fixed port
        .environment(Map.of()); // the settings are exactly these, whatever MEPHISTO_* says
  }

  /**
   * @param ctx the run
   * @return the builder, with the settings file named by {@value #SETTINGS_PROPERTY} if set
   */
  private AppBuilder configured(RunContext ctx) {
    AppBuilder b = builder(ctx);
    if (ctx.producerProfile() == ProducerProfile.EQUAL) {
      b = b.kafka("producer.linger.ms", Integer.toString(ProducerProfile.EQUAL_LINGER_MS));
    }
    String file = System.getProperty(SETTINGS_PROPERTY, "");
    return file.isBlank() ? b : b.settingsFile(Path.of(file));
  }

  @Override
  public void start(RunContext ctx) {
    app = configured(ctx).build();
    declare(app, ctx);
    app.start();
  }

  @Override
  public List<String> groups(RunContext ctx) {
    return List.of(appId(ctx));
  }

  @Override
  public Observed observe(RunContext ctx) {
    return result(ctx);
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }

  /**
   * @param ctx the run
   * @return a completion handler that fails the run when a send failed
   */
  static BiConsumer<RecordMetadata, Throwable> failOnError(RunContext ctx) {
    return (metadata, error) -> {
      if (error != null) {
        ctx.fail(error);
      }
    };
  }
}
