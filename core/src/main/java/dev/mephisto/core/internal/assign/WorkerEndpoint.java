package dev.mephisto.core.internal.assign;

/**
 * A worker of the group as the assignor saw it: its member id and the address of its web server.
 *
 * @param memberId the consumer group member id, or the worker's {@code group.instance.id} when it
 *     has one (static membership)
 * @param host the web server's host, as configured ({@code webHost})
 * @param port the web server's port ({@code webPort}; 0 if it picks one and has not said which)
 */
public record WorkerEndpoint(String memberId, String host, int port) {
  /** @return {@code host:port}, for messages and links */
  public String address() {
    return host + ":" + port;
  }
}
