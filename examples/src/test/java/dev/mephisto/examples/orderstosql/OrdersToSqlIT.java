package dev.mephisto.examples.orderstosql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.ExampleRun;
import dev.mephisto.examples.orderstosql.OrdersToSql.Order;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithKafka
class OrdersToSqlIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60)).ignoringExceptions();

  private static int rows(String url) {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM order_lines")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) { // e.g. the table is not created yet: Await tries again
      throw new IllegalStateException(e);
    }
  }

  @Test
  void writesEnrichedOrdersToH2AndReportsRevenueBySql(KafkaCluster kafka, @TempDir Path state)
      throws SQLException {
    Path dir = state.resolve("orders-to-sql");
    String url = OrderLineDao.jdbcUrl(dir);
    String out;
    try (ExampleRun run = ExampleRun.start("orders-to-sql", kafka, "--state-dir", state.toString())) {
      AWAIT.until("50 order lines in H2", () -> rows(url) >= 50);
      out = run.stop();
    }
    Map<String, Order> sent = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAll(OrdersToSql.ORDERS)) {
      Order o = Codecs.get("json").decode(r.value(), Order.class);
      sent.put(o.orderId(), o);
    }
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      int rows = 0;
      try (ResultSet rs = s.executeQuery("SELECT order_id, customer, country, product_id,"
          + " product_name, quantity, unit_price, total FROM order_lines")) {
        while (rs.next()) {
          rows++;
          Order o = sent.get(rs.getString(1));
          OrderLine expected = OrdersToSql.enrich(o);
          OrderLine actual = new OrderLine(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getInt(6), rs.getBigDecimal(7),
              rs.getBigDecimal(8));
          assertEquals(expected.orderId(), actual.orderId());
          assertEquals(expected.productName(), actual.productName());
          assertEquals(0, expected.total().compareTo(actual.total()), () -> "total of " + o);
          assertEquals(o.country(), actual.country());
        }
      }
      assertTrue(rows >= 50 && rows <= sent.size(), rows + " rows for " + sent.size() + " orders");
      // The revenue table printed at the end is what SQL says.
      try (ResultSet rs = s.executeQuery("SELECT country, COUNT(*), SUM(total) FROM order_lines"
          + " GROUP BY country")) {
        while (rs.next()) {
          String line = String.format("  %-7s %6d", rs.getString(1), rs.getInt(2));
          BigDecimal revenue = rs.getBigDecimal(3);
          assertTrue(out.lines().anyMatch(l -> l.startsWith(line) && l.endsWith(" " + revenue)),
              () -> line + " ... " + revenue + " not printed:\n" + out);
        }
      }
    }
  }
}
