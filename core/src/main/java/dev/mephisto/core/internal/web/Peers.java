package dev.mephisto.core.internal.web;

import dev.mephisto.core.internal.assign.WorkerEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Asks the web servers of the other workers (table lookups routed to the owner, fan-outs). */
final class Peers implements AutoCloseable {
  /** A header marking a request another worker forwarded: it is answered locally, never again. */
  static final String FORWARDED = "X-Mephisto-Forwarded-By";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /**
   * An answer of another worker.
   *
   * @param status HTTP status, 0 if it could not be reached
   * @param body the body, or why it could not be reached
   */
  record Answer(int status, String body) {}

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .executor(executor).followRedirects(HttpClient.Redirect.NEVER).build();

  /**
   * @param worker the worker
   * @param pathAndQuery e.g. {@code /tables/counts/ann}, already encoded
   * @param self this worker's address, sent in {@link #FORWARDED}
   * @return its answer
   */
  Answer get(WorkerEndpoint worker, String pathAndQuery, String self) {
    try {
      HttpRequest r = HttpRequest.newBuilder(URI.create("http://" + worker.address() + pathAndQuery))
          .timeout(TIMEOUT).header(FORWARDED, self).GET().build();
      HttpResponse<String> resp = client.send(r, HttpResponse.BodyHandlers.ofString());
      return new Answer(resp.statusCode(), resp.body());
    } catch (IOException | IllegalArgumentException e) {
      return new Answer(0, "worker " + worker.address() + " could not be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "interrupted while asking worker " + worker.address());
    }
  }

  @Override
  public void close() {
    client.close();
    executor.shutdownNow();
  }
}
