package dev.mephisto.examples.orderstosql;

import java.math.BigDecimal;

/**
 * An order joined with its product: one row of table {@code order_lines}.
 *
 * @param orderId the order's id (the primary key)
 * @param customer who ordered
 * @param country where the customer lives (ISO 3166 code)
 * @param productId the product
 * @param productName its name, from the catalogue
 * @param quantity how many
 * @param unitPrice its price, from the catalogue
 * @param total {@code quantity * unitPrice}
 */
public record OrderLine(String orderId, String customer, String country, String productId,
    String productName, int quantity, BigDecimal unitPrice, BigDecimal total) {}
