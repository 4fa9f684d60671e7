package dev.mephisto.core.internal.web;

import com.sun.net.httpserver.HttpServer;
import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import dev.mephisto.MephistoException;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.web.Page;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's web server: the JDK's own HTTP server ({@code jdk.httpserver}, no dependency) with
 * one virtual thread per request. Serves {@code /health}, {@code /ready}, {@code /metrics},
 * {@code /agents}, {@code /tables}, the dashboard at {@code /} with its data under {@code /api},
 * and the application's pages.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  /** Paths of Mephisto's own pages; application pages may not take them. */
  static final List<String> RESERVED =
      List.of("/health", "/ready", "/metrics", "/agents", "/tables", "/api", "/static");

  private final MephistoApp app;
  private final AppSettings settings;
  private final Map<String, Page> pages = new LinkedHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Peers peers = new Peers();
  private HttpServer server;
  private ExecutorService executor;
  private volatile String address;

  /** @param app the app it serves */
  public WebServer(MephistoApp app) {
    this.app = app;
    this.settings = app.settings();
  }

  /**
   * Adds an application page (also while serving).
   *
   * @param path its path
   * @param page its handler
   */
  public void page(String path, Page page) {
    java.util.Objects.requireNonNull(path, "path");
    java.util.Objects.requireNonNull(page, "page");
    if (!path.matches("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*") || path.equals("/") || path.endsWith("/")
        || path.contains("//")) {
      throw new ConfigurationException("Page path '" + path + "' is not valid; expected a path "
          + "such as '/orders' or '/orders/summary' (starting with '/', not ending with it)");
    }
    for (String r : RESERVED) {
      if (path.equals(r) || path.startsWith(r + "/")) {
        throw new ConfigurationException("Page path '" + path + "' is taken by Mephisto's '" + r
            + "'; choose another, e.g. '/app" + path + "'");
      }
    }
    lock.lock();
    try {
      if (pages.containsKey(path)) {
        throw new ConfigurationException("Two pages at '" + path + "'; give one another path");
      }
      pages.put(path, page);
      if (server != null) {
        server.createContext(path, Http.guarded(new AppPage(path, page)));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Binds and serves; logs the address (the port it picked if {@code webPort} is 0). */
  public void start() {
    lock.lock();
    try {
      if (server != null) {
        return;
      }
      InetSocketAddress bind = new InetSocketAddress(settings.webHost(), settings.webPort());
      if (bind.isUnresolved()) {
        throw new ConfigurationException("Setting 'webHost' was '" + settings.webHost()
            + "' but it should be an address of this machine, e.g. '127.0.0.1' or '0.0.0.0'");
      }
      HttpServer s;
      try {
        s = HttpServer.create(bind, 64);
      } catch (BindException e) {
        throw new ConfigurationException("Cannot serve the web server of app '" + settings.id()
            + "' at '" + settings.webHost() + ":" + settings.webPort() + "': " + e.getMessage()
            + "; another process (or another worker on this machine) uses it. Set 'webPort' to a "
            + "free port, 0 to pick one, or turn the web server off with web(false) / "
            + "MEPHISTO_WEB_ENABLED=false", e);
      } catch (IOException e) {
        throw new MephistoException("Cannot start the web server of app '" + settings.id()
            + "' at '" + settings.webHost() + ":" + settings.webPort() + "': " + e, e);
      }
      executor = Executors.newThreadPerTaskExecutor(
          Thread.ofVirtual().name(settings.id() + "-web-", 0).factory());
      s.setExecutor(executor);
      HealthPages health = new HealthPages(app);
      TablePages tables = new TablePages(app, peers, this::address);
      StatusPages status = new StatusPages(app, peers, this::address);
      s.createContext("/health", Http.guarded(health::health));
      s.createContext("/ready", Http.guarded(health::ready));
      s.createContext("/metrics", Http.guarded(health::metrics));
      s.createContext("/agents", Http.guarded(health::agents));
      s.createContext("/tables", Http.guarded(tables::handle));
      s.createContext("/api", Http.guarded(status::handle));
      s.createContext("/", Http.guarded(StaticPages::handle));
      pages.forEach((path, page) -> s.createContext(path, Http.guarded(new AppPage(path, page))));
      s.start();
      server = s;
      int port = s.getAddress().getPort();
      String host = advertisedHost();
      address = host + ":" + port;
      app.services().cluster().webAddress(host, port);
      log.info("Web server of app '{}' at http://{}:{}/ (dashboard; /health, /ready, /metrics, "
          + "/tables){}", settings.id(), settings.webHost(), port,
          settings.webPort() == 0 ? " on a free port" : "");
    } finally {
      lock.unlock();
    }
  }

  private String advertisedHost() {
    if (!settings.webAdvertisedHost().isEmpty()) {
      return settings.webAdvertisedHost();
    }
    String h = settings.webHost();
    try {
      if (InetAddress.getByName(h).isAnyLocalAddress()) {
        return InetAddress.getLocalHost().getHostName();
      }
    } catch (UnknownHostException e) {
      log.warn("Cannot tell this machine's name for other workers ({}); set 'webAdvertisedHost'",
          e.getMessage());
    }
    return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  /** @return {@code host:port} other workers reach this one at, once serving */
  public String address() {
    return address;
  }

  /** @return the port it serves on, -1 if not serving */
  public int port() {
    HttpServer s = server;
    return s == null ? -1 : s.getAddress().getPort();
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (server != null) {
        server.stop(0);
        server = null;
        executor.shutdownNow();
      }
      peers.close();
    } finally {
      lock.unlock();
    }
  }
}
