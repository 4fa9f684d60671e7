package dev.mephisto.examples.orderstosql;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Order lines in an H2 database file, with plain JDBC. Writes are batched, one transaction per
 * batch, and idempotent ({@code MERGE} on the order id): at-least-once delivery may hand the
 * agent an order twice after a crash, and the table still holds it once.
 */
public final class OrderLineDao implements AutoCloseable {
  /** Revenue of one country. */
  public record CountryRevenue(String country, int orders, int items, BigDecimal revenue) {}

  private static final String UPSERT = "MERGE INTO order_lines (order_id, customer, country,"
      + " product_id, product_name, quantity, unit_price, total) KEY (order_id)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private final Connection connection;
  private final String url;

  private OrderLineDao(Connection connection, String url) {
    this.connection = connection;
    this.url = url;
  }

  /**
   * Opens (or creates) the database {@code <dir>/orders.mv.db} and its table.
   *
   * @param dir the directory of the database file
   * @return the DAO
   * @throws SQLException if H2 cannot open the file
   */
  public static OrderLineDao open(Path dir) throws SQLException {
    String url = jdbcUrl(dir);
    Connection c = DriverManager.getConnection(url, "sa", "");
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS order_lines ("
          + " order_id VARCHAR(40) PRIMARY KEY, customer VARCHAR(40) NOT NULL,"
          + " country CHAR(2) NOT NULL, product_id VARCHAR(20) NOT NULL,"
          + " product_name VARCHAR(80) NOT NULL, quantity INT NOT NULL,"
          + " unit_price DECIMAL(12, 2) NOT NULL, total DECIMAL(14, 2) NOT NULL)");
      c.commit();
    }
    return new OrderLineDao(c, url);
  }

  /**
   * @param dir the directory of the database file
   * @return the JDBC URL of the database, for any SQL tool (H2 console, DBeaver, ...)
   */
  public static String jdbcUrl(Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("orders");
  }

  /** @return the JDBC URL of this database */
  public String url() {
    return url;
  }

  /**
   * Inserts or replaces order lines in one JDBC batch and one transaction.
   *
   * @param lines the lines
   * @throws SQLException if the batch fails (nothing of it is kept)
   */
  public void upsert(List<OrderLine> lines) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
      for (OrderLine l : lines) {
        ps.setString(1, l.orderId());
        ps.setString(2, l.customer());
        ps.setString(3, l.country());
        ps.setString(4, l.productId());
        ps.setString(5, l.productName());
        ps.setInt(6, l.quantity());
        ps.setBigDecimal(7, l.unitPrice());
        ps.setBigDecimal(8, l.total());
        ps.addBatch();
      }
      ps.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }

  /**
   * @return the number of order lines stored
   * @throws SQLException on a database error
   */
  public int count() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM order_lines")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * @return revenue per country, highest first
   * @throws SQLException on a database error
   */
  public List<CountryRevenue> revenueByCountry() throws SQLException {
    List<CountryRevenue> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT country, COUNT(*), SUM(quantity), SUM(total)"
            + " FROM order_lines GROUP BY country ORDER BY SUM(total) DESC, country")) {
      while (rs.next()) {
        out.add(new CountryRevenue(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4)));
      }
    }
    return out;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
