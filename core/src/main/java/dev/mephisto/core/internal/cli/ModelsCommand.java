package dev.mephisto.core.internal.cli;

import dev.mephisto.Model;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.table.TableQueries;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * {@code models}: the model types (records, {@code @Model} types, sealed interfaces of records)
 * the app's topics and tables carry, with their codec, namespace and fields.
 */
@CommandLine.Command(name = "models", mixinStandardHelpOptions = true,
    description = "Lists the models (records and @Model types) of the declared topics and tables: "
        + "codec, namespace (Faust's __faust ns) and fields.")
final class ModelsCommand implements Runnable {
  private final MephistoApp app;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  ModelsCommand(MephistoApp app) {
    this.app = app;
  }

  @Override
  public void run() {
    Map<Class<?>, List<String>> usedBy = new LinkedHashMap<>();
    for (Topic<?, ?> t : app.topics().values()) {
      add(usedBy, t.keyType(), "topic " + t.name() + " (key)");
      add(usedBy, t.valueType(), "topic " + t.name());
    }
    app.tableRuntime().ifPresent(rt -> {
      for (TableQueries.Declared d : rt.queries().declared()) {
        add(usedBy, d.keyType(), "table " + d.name() + " (key)");
        add(usedBy, d.valueType(), "table " + d.name());
      }
    });
    PrintWriter out = spec.commandLine().getOut();
    String fmt = "%-28s %-10s %-14s %-36s %s%n";
    out.printf(fmt, "MODEL", "KIND", "CODEC", "NAMESPACE", "USED BY");
    List<String> fields = new ArrayList<>();
    usedBy.forEach((type, uses) -> {
      Model m = type.getAnnotation(Model.class);
      String codec = m != null && !m.serializer().isEmpty() ? m.serializer() : "(topic/app default)";
      String ns = m != null && !m.namespace().isEmpty() ? m.namespace() : type.getName();
      String kind = type.isRecord() ? "record" : type.isSealed() ? "sealed" : "class";
      out.printf(fmt, type.getSimpleName(), kind, codec, ns, String.join(", ", uses));
      fields.add(type.getSimpleName() + describe(type));
    });
    if (!fields.isEmpty()) {
      out.println();
      fields.forEach(out::println);
    }
    out.flush();
  }

  private static void add(Map<Class<?>, List<String>> m, Class<?> type, String use) {
    if (type.isRecord() || type.isAnnotationPresent(Model.class) || type.isSealed()) {
      m.computeIfAbsent(type, t -> new ArrayList<>()).add(use);
    }
  }

  private static String describe(Class<?> type) {
    if (type.isRecord()) {
      return Arrays.stream(type.getRecordComponents())
          .map(ModelsCommand::component).collect(Collectors.joining(", ", "(", ")"));
    }
    if (type.isSealed()) {
      return Optional.ofNullable(type.getPermittedSubclasses()).map(p -> Arrays.stream(p)
          .map(Class::getSimpleName).collect(Collectors.joining(" | ", " = ", ""))).orElse("");
    }
    return "";
  }

  private static String component(RecordComponent c) {
    return c.getGenericType().getTypeName().replaceAll("\\b[a-z][a-z0-9_]*\\.", "")
        .replaceAll("(\\w+\\$)+", "") + " " + c.getName();
  }
}
