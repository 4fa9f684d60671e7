/** A Spring Boot application on Mephisto's starter: see {@link dev.mephisto.examples.spring.PurchasesApplication}. */
package dev.mephisto.examples.spring;
