package dev.mephisto.core.internal;

import dev.mephisto.CodecException;
import dev.mephisto.MephistoException;
import dev.mephisto.RecordMetadata;
import dev.mephisto.core.internal.offsets.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Ties every output of an event (a sink result, echo, {@code through}, a {@code groupBy} forward, a
 * reply, a send made in the agent's loop) to the records being processed on the sending thread:
 * each of them stays unacknowledged, so its offset is not committed, until the broker stored the
 * output. An output that cannot be encoded or stored goes to the agent's error policy with its
 * records ({@link EventContext.Inputs#outputFailed}); nothing is dropped silently.
 */
public final class Outputs {
  private Outputs() {}

  /**
   * Tracks a send made on this thread. Outside stream processing (timers, tasks, other threads)
   * and for {@code noAck} streams there is nothing to hold and the future is returned as it is.
   *
   * @param topic the output's topic (or channel), for the error
   * @param sent the send, possibly failed already (an encoding error)
   * @return {@code sent}
   */
  public static CompletableFuture<RecordMetadata> track(String topic,
      CompletableFuture<RecordMetadata> sent) {
    EventContext.Inputs scope = EventContext.inputs();
    if (scope == null) {
      return sent;
    }
    List<Delivery> unacked = scope.unacked();
    if (unacked.isEmpty()) {
      return sent;
    }
    List<Delivery> held = new ArrayList<>(unacked.size());
    for (int i = 0; i < unacked.size(); i++) { // indexed: no iterator per record
      Delivery d = unacked.get(i);
      if (d.holdForOutput()) {
        held.add(d);
      }
    }
    if (held.isEmpty()) {
      return sent;
    }
    List<Delivery> inputs = held;
    sent.whenComplete((md, error) -> {
      if (error == null) {
        for (int i = 0; i < inputs.size(); i++) {
          inputs.get(i).outputDone();
        }
      } else {
        // never on the producer's I/O thread: dead-lettering waits for the broker
        Thread.ofVirtual().name("output-failure").start(() -> {
          Throwable cause = unwrap(error);
          MephistoException e = new MephistoException("Could not "
              + (cause instanceof CodecException ? "encode" : "send") + " an output to '" + topic
              + "': " + cause, cause);
          if (scope.outputFailed(inputs, e)) {
            inputs.forEach(Delivery::outputDone);
          }
        });
      }
    });
    return sent;
  }

  /**
   * Tracks an output that failed before it was sent (encoding, topic creation).
   *
   * @param topic the output's topic (or channel), for the error
   * @param error the failure
   * @return a failed future
   */
  public static CompletableFuture<RecordMetadata> failed(String topic, Throwable error) {
    return track(topic, CompletableFuture.failedFuture(error));
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
