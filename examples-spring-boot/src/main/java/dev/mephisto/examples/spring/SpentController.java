package dev.mephisto.examples.spring;

import dev.mephisto.KeyValue;
import dev.mephisto.Table;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The {@code spent} table over HTTP: an ordinary controller with the table injected. */
@RestController
class SpentController {
  private final Table<String, Double> spent;

  SpentController(Table<String, Double> spent) {
    this.spent = spent;
  }

  /** @return every user's total in dollars (of the partitions this worker holds) */
  @GetMapping("/spent")
  Map<String, Double> all() {
    Map<String, Double> all = new TreeMap<>();
    for (KeyValue<String, Double> kv : spent.items()) {
      all.put(kv.key(), kv.value());
    }
    return all;
  }

  /** @return one user's total in dollars, 0 when unknown */
  @GetMapping("/spent/{user}")
  double of(@PathVariable("user") String user) {
    return spent.getOrDefault(user);
  }
}
