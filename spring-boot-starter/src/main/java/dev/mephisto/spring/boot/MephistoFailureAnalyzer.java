package dev.mephisto.spring.boot;

import dev.mephisto.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start that failed on Mephisto's configuration (an invalid {@code mephisto.*} value, an
 * unknown codec or store, a declaration after the start) into Spring Boot's short "APPLICATION
 * FAILED TO START" report with Mephisto's message, instead of a page of stack trace.
 */
final class MephistoFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    return new FailureAnalysis("The Mephisto app could not be configured: " + cause.getMessage(),
        "Fix the setting or declaration named above. Settings are the mephisto.* properties "
            + "(application.properties, MEPHISTO_* environment variables); codecs and stores "
            + "come from modules on the class path or from CodecProvider/StoreProvider beans. "
            + "See docs/spring-boot.md.",
        cause);
  }
}
