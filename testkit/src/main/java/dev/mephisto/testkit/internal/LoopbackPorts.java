package dev.mephisto.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds ports that are free on 127.0.0.1 right now. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /**
   * Binds port 0 and releases it: another process may take the port before the caller binds it,
   * so callers retry with new ports when binding fails.
   *
   * @param count how many distinct ports
   * @return free ports
   */
  public static int[] free(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    int[] ports = new int[count];
    try {
      // Held open together, so the ports are distinct.
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          try {
            socket.close();
          } catch (IOException ignored) {
            // the port is only probed
          }
        }
      }
    }
  }
}
