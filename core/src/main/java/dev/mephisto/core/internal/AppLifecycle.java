package dev.mephisto.core.internal;

import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import dev.mephisto.WorkerState;
import dev.mephisto.core.internal.agent.AgentRuntime;
import dev.mephisto.core.internal.metrics.TableGauges;
import dev.mephisto.core.internal.table.TableRuntime;
import dev.mephisto.core.internal.timer.Timers;
import dev.mephisto.core.internal.web.WebServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops one worker of an app: its topics, tables, agents, poll loop and timers, in
 * that order, and the reverse on stop; and stops it for good when something it cannot go on
 * without fails.
 */
final class AppLifecycle {
  // the app's lines keep the app's logger name (log configurations name it)
  private static final Logger log = LoggerFactory.getLogger(MephistoApp.class);
  private static final Duration READY_WAIT = Duration.ofSeconds(10);

  private enum State { NEW, RUNNING, STOPPING, STOPPED }

  private final AppSettings settings;
  private final AppServices services;
  private final AppTopics topics;
  private final AgentDeclarations declarations;
  private final List<AgentRuntime<?, ?>> agents;
  private final List<WorkerListener> listeners;
  private final Timers timers;
  private final TableRuntime tables;
  private final AppReplies replies;
  private final String leaderTopic;
  private final WebServer web;
  private final WorkerFailure failure;
  private final Object lock = new Object();
  private volatile State state = State.NEW;
  private volatile Conductor conductor;

  AppLifecycle(AppServices services, AppTopics topics, AgentDeclarations declarations,
      List<AgentRuntime<?, ?>> agents, List<WorkerListener> listeners, Timers timers,
      TableRuntime tables, AppReplies replies, String leaderTopic, WebServer web) {
    this.settings = services.settings();
    this.services = services;
    this.topics = topics;
    this.declarations = declarations;
    this.agents = agents;
    this.listeners = listeners;
    this.timers = timers;
    this.tables = tables;
    this.replies = replies;
    this.leaderTopic = leaderTopic;
    this.web = web;
    this.failure = new WorkerFailure(settings.id());
  }

  /** @param what what is being declared, for the message */
  void requireNotStarted(String what) {
    if (state != State.NEW) {
      throw new ConfigurationException("Cannot declare " + what + " after the app '" + settings.id()
          + "' started; declare everything before start()");
    }
  }

  /** @return true between start() and the beginning of stop() */
  boolean started() {
    return state == State.RUNNING;
  }

  /** @return the worker's poll loop, once started */
  Optional<Conductor> conductor() {
    return Optional.ofNullable(conductor);
  }

  void start() {
    synchronized (lock) {
      if (state != State.NEW) {
        throw new ConfigurationException("App '" + settings.id() + "' was already started");
      }
      long t0 = System.nanoTime();
      services.monitor().lifecycle().starting();
      if (settings.webEnabled()) {
        web.start(); // first: a taken port fails before anything runs; its port is advertised
      }
      ensureTopics();
      tables.start();
      state = State.RUNNING;
      agents.forEach(AgentRuntime::start);
      for (AgentRuntime<?, ?> a : agents) {
        if (!a.awaitReady(READY_WAIT)) {
          log.warn("Agent '{}' did not ask for its first record within {} s; subscribing anyway",
              a.name(), READY_WAIT.toSeconds());
        }
      }
      if (failure.get().isPresent()) {
        // an agent failed to set up (a wrong-sized repartition topic, a bad groupBy): the worker
        // stops, and never joins the group, so no record is processed, dead-lettered or committed
        log.debug("App '{}' does not join its group: it is stopping", settings.id());
        return;
      }
      // the topics the bodies opened (through, the other side of a stream join) get theirs too
      topics.ensureDeadLetterTopics(agents, Map.of());
      Conductor c = new Conductor(services, () -> agents.stream()
          .filter(a -> a.readsTopics() || !a.topics().isEmpty()).toList(),
          listeners, leaderTopic, this::fatal);
      conductor = c;
      TableGauges.register(services.monitor().metrics(), tables);
      c.start();
      declarations.watchPatterns(timers, this::running, () -> {
        topics.ensureDeadLetterTopics(agents, Map.of());
        topicsChanged();
      });
      timers.start(c::isLeader, c::settled);
      log.info("App '{}' started on '{}' with {} agent(s) in {} ms", settings.id(),
          settings.broker(), agents.size(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private void ensureTopics() {
    Map<String, Integer> partitions = topics.ensureDeclared();
    declarations.refreshPatterns(); // after the declared topics exist: they may match
    // after the topics exist: a table takes its partition count from the topics feeding it
    services.transport().ensureTopics(tables.topics());
    topics.ensureDeadLetterTopics(agents, partitions);
  }

  /** The topics agents read changed: the poll loop subscribes again. */
  void topicsChanged() {
    Conductor c = conductor;
    if (c != null) {
      c.topicsChanged();
    }
  }

  void stop() {
    synchronized (lock) {
      if (state != State.RUNNING) {
        if (state == State.NEW) {
          state = State.STOPPED;
          tables.stop(); // stores used by test contexts before start
          services.closeTransport();
          web.close(); // a start that failed after binding
        }
        return;
      }
      state = State.STOPPING;
      services.monitor().lifecycle().moveTo(WorkerState.STOPPING);
      log.info("Stopping app '{}'", settings.id());
      timers.stop();
      Conductor c = conductor;
      if (c != null) {
        c.stop();
      }
      long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
      for (AgentRuntime<?, ?> a : agents) {
        if (!a.readsTopics() || c == null) { // no poll loop (a start that failed) ends them
          a.signalEnd();
          a.awaitStopped(deadline);
        }
      }
      replies.stop();
      tables.stop();
      services.closeTransport();
      state = State.STOPPED;
      services.monitor().lifecycle().moveTo(WorkerState.STOPPED);
      web.close();
      log.info("App '{}' stopped", settings.id());
    }
  }

  /** See {@link MephistoApp#simulateCrash()}. */
  void simulateCrash() {
    synchronized (lock) {
      if (state != State.RUNNING) {
        return;
      }
      state = State.STOPPING;
      log.warn("Simulating a crash of app '{}'", settings.id());
      timers.stop();
      Conductor c = conductor;
      if (c != null) {
        c.crash();
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      agents.forEach(AgentRuntime::signalEnd);
      agents.forEach(a -> a.awaitStopped(deadline));
      tables.crash();
      replies.stop();
      services.closeTransport();
      state = State.STOPPED;
      web.close();
    }
  }

  /** @return true between start() and stop(), false as soon as a failure stops the worker */
  boolean running() {
    return state == State.RUNNING && !failure.happened();
  }

  /** @return true once stop() began (long work such as table restores gives up) */
  boolean stopRequested() {
    return state == State.STOPPING || state == State.STOPPED;
  }

  /** See {@link MephistoApp#fatal(String, Throwable)}. */
  void fatal(String what, Throwable error) {
    if (failure.report(what, error, stopRequested())) {
      Thread.ofPlatform().name(settings.id() + "-fatal-stop").start(this::stop);
    }
  }

  /** @return the failure that stopped the worker, if one did */
  Optional<Throwable> failure() {
    return failure.get();
  }
}
