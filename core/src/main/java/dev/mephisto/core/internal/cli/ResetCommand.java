package dev.mephisto.core.internal.cli;

import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.table.TableQueries;
import dev.mephisto.core.internal.transport.KafkaTransport;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.Stores;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import picocli.CommandLine;

/**
 * {@code reset}: forgets this app's progress so that it starts over: deletes its tables' local
 * state on this machine and its consumer group (committed offsets), and with {@code
 * --internal-topics} its changelog, repartition, reply and leader topics. Refuses without {@code
 * --yes}, and while a worker of the group runs.
 */
@CommandLine.Command(name = "reset", mixinStandardHelpOptions = true,
    description = "Deletes this app's local table state and its consumer group offsets (and with "
        + "--internal-topics its changelog, repartition, reply and leader topics), so that it "
        + "starts over. Stop every worker first. Does nothing without --yes.")
final class ResetCommand implements Callable<Integer> {
  private static final long TIMEOUT_S = 30;
  private final MephistoApp app;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--yes", description = "Really delete.")
  boolean yes;

  @CommandLine.Option(names = "--internal-topics",
      description = "Also delete the app's internal topics (table changelogs: their data is gone).")
  boolean internalTopics;

  ResetCommand(MephistoApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String id = app.id();
    if (app.running()) {
      out.println("App '" + id + "' runs in this process; stop it before reset");
      out.flush();
      return 1;
    }
    List<String> plan = new ArrayList<>();
    plan.add("local state of tables " + tableNames() + " under their store URLs");
    if (!app.settings().inMemory()) {
      plan.add("consumer group '" + id + "' (committed offsets) on " + app.settings().broker());
      if (internalTopics) {
        plan.add("internal topics of '" + id + "': changelogs, repartition, reply and leader topics");
      }
    }
    if (!yes) {
      out.println("Refusing to reset app '" + id + "' without --yes. It would delete:");
      plan.forEach(p -> out.println("  - " + p));
      out.flush();
      return 1;
    }
    try {
      Admin admin = null;
      try {
        if (!app.settings().inMemory()) {
          KafkaTransport kafka = (KafkaTransport) app.services().transport();
          admin = Admin.create(kafka.clientProps("admin"));
          if (!groupGone(admin, out)) {
            return 1;
          }
        }
        resetLocalState(out);
        if (admin != null && internalTopics) {
          deleteInternalTopics(admin, out);
        }
      } finally {
        if (admin != null) {
          admin.close();
        }
      }
    } finally {
      app.stop(); // closes the producer and admin clients the commands opened
    }
    out.println("Reset app '" + id + "'");
    out.flush();
    return 0;
  }

  private List<String> tableNames() {
    return app.tableRuntime().map(rt -> rt.queries().declared().stream()
        .map(TableQueries.Declared::name).toList()).orElse(List.of());
  }

  /** Deletes the group unless a worker is in it. */
  private boolean groupGone(Admin admin, PrintWriter out) throws Exception {
    String id = app.id();
    try {
      ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(id)).describedGroups()
          .get(id).get(TIMEOUT_S, TimeUnit.SECONDS);
      if (!g.members().isEmpty()) {
        out.println("Consumer group '" + id + "' has " + g.members().size() + " running worker(s) "
            + "(state " + g.groupState() + "); stop every worker before reset");
        out.flush();
        return false;
      }
      admin.deleteConsumerGroups(List.of(id)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
      out.println("Deleted consumer group '" + id + "' and its committed offsets");
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw e;
      }
      out.println("Consumer group '" + id + "' has no committed offsets");
    }
    return true;
  }

  private void resetLocalState(PrintWriter out) {
    Stores stores = Stores.create(app.settings().stores());
    app.tableRuntime().ifPresent(rt -> {
      for (TableQueries.Declared d : rt.queries().declared()) {
        int n = partitions(d);
        int deleted = 0;
        for (int p = 0; p < n; p++) {
          if (stores.provider(d.store()).destroy(Stores.parse(d.store()),
              new StoreSpec(app.id(), d.name(), p))) {
            deleted++;
          }
        }
        out.println("Table '" + d.name() + "': deleted the local state of " + deleted + " of "
            + n + " partition(s) at '" + d.store() + "'");
      }
    });
  }

  /** The most partitions the table can have had: declared, its changelog's, or the default. */
  private int partitions(TableQueries.Declared d) {
    int n = Math.max(d.partitions(), app.settings().topicPartitions());
    if (!app.settings().inMemory()) {
      OptionalInt c = app.services().transport().partitions(d.changelog());
      if (c.isPresent()) {
        n = Math.max(n, c.getAsInt());
      }
    }
    return n;
  }

  private void deleteInternalTopics(Admin admin, PrintWriter out)
      throws InterruptedException, ExecutionException, TimeoutException {
    String id = app.id();
    String suffix = app.settings().deadLetterSuffix();
    Set<String> all = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
    Set<String> changelogs = new TreeSet<>();
    app.tableRuntime().ifPresent(rt -> rt.queries().declared().forEach(d -> changelogs.add(d.changelog())));
    List<String> agents = app.agents().stream().map(a -> id + "-" + a.name() + "-").toList();
    Set<String> doomed = new TreeSet<>();
    for (String t : all) {
      String base = t.endsWith(suffix) ? t.substring(0, t.length() - suffix.length()) : t;
      boolean repartition = base.endsWith("-repartition") && agents.stream().anyMatch(base::startsWith);
      if (base.equals(id + "-__leader") || base.startsWith(id + "-reply-") || repartition
          || changelogs.contains(base)) {
        doomed.add(t);
      }
    }
    if (doomed.isEmpty()) {
      out.println("No internal topics of '" + id + "' found");
      return;
    }
    admin.deleteTopics(doomed).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    doomed.forEach(t -> out.println("Deleted topic '" + t + "'"));
  }

}
