package dev.mephisto.core.internal.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells stalled partitions from busy ones. A partition stalls when, for {@code timeout}:
 *
 * <ul>
 *   <li>it has lag and its position has not moved while it was not paused by backpressure (the
 *       consumer stopped fetching it), or
 *   <li>it has records in flight and none of them became done (an agent hangs on one; its
 *       buffer filled and backpressure paused it).
 * </ul>
 *
 * <p>Each episode is reported once, when it begins; the caller logs one WARN line for it. Pure
 * logic over the samples it is given, so that it can be tested with a made-up clock. Used by the
 * polling thread only.
 *
 * @param <P> the partition type
 */
public final class StallDetector<P> {
  /**
   * One partition's state at one moment.
   *
   * @param position the next offset to fetch (-1 if unknown)
   * @param lag records behind the end (-1 if unknown)
   * @param paused whether backpressure paused it
   * @param inFlight records fetched and not yet done
   * @param done the offset after the last record done in order (-1 if none)
   */
  public record Sample(long position, long lag, boolean paused, int inFlight, long done) {}

  /**
   * A stalled partition.
   *
   * @param partition the partition
   * @param reason why, for people
   * @param sinceNanos {@link System#nanoTime()} when it stopped moving
   * @param sample the last sample
   */
  public record Stall<P>(P partition, String reason, long sinceNanos, Sample sample) {}

  private static final class Track {
    long position;
    long positionSince;
    long done;
    long doneSince;
    String stalled;
  }

  private final long timeoutNanos;
  private final Map<P, Track> tracks = new HashMap<>();

  /** @param timeout how long a partition may stand still */
  public StallDetector(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  /**
   * Looks at one partition.
   *
   * @param partition the partition
   * @param s its state now
   * @param now {@link System#nanoTime()}
   * @return the stall if one began with this sample
   */
  public Optional<Stall<P>> sample(P partition, Sample s, long now) {
    Track t = tracks.get(partition);
    if (t == null) {
      t = new Track();
      t.position = s.position();
      t.positionSince = now;
      t.done = s.done();
      t.doneSince = now;
      tracks.put(partition, t);
      return Optional.empty();
    }
    if (s.position() != t.position) {
      t.position = s.position();
      t.positionSince = now;
    }
    if (s.done() != t.done || s.inFlight() == 0) {
      t.done = s.done();
      t.doneSince = now;
    }
    String reason = null;
    if (s.inFlight() > 0 && now - t.doneSince >= timeoutNanos) {
      reason = s.inFlight() + " record(s) in flight and none done for "
          + Duration.ofNanos(now - t.doneSince).toSeconds() + " s (an agent hangs on a record?)";
    } else if (!s.paused() && s.lag() > 0 && now - t.positionSince >= timeoutNanos) {
      reason = "lag " + s.lag() + " and position " + s.position() + " unchanged for "
          + Duration.ofNanos(now - t.positionSince).toSeconds() + " s while not paused";
    }
    boolean began = reason != null && t.stalled == null;
    t.stalled = reason;
    if (began) {
      long since = s.inFlight() > 0 && now - t.doneSince >= timeoutNanos ? t.doneSince : t.positionSince;
      return Optional.of(new Stall<>(partition, reason, since, s));
    }
    return Optional.empty();
  }

  /**
   * @param partition a partition
   * @return true if it is stalled now
   */
  public boolean stalled(P partition) {
    Track t = tracks.get(partition);
    return t != null && t.stalled != null;
  }

  /**
   * @param partition a partition
   * @return why it is stalled, if it is
   */
  public Optional<String> reason(P partition) {
    Track t = tracks.get(partition);
    return t == null ? Optional.empty() : Optional.ofNullable(t.stalled);
  }

  /** @return the partitions stalled now */
  public List<P> stalled() {
    List<P> l = new ArrayList<>();
    tracks.forEach((p, t) -> {
      if (t.stalled != null) {
        l.add(p);
      }
    });
    return l;
  }

  /** @param partition a partition no longer held */
  public void forget(P partition) {
    tracks.remove(partition);
  }
}
