package dev.mephisto.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import dev.mephisto.OnError;
import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The App bean as the mephisto.* properties, customizers and provider beans make it. */
class MephistoAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MephistoAutoConfiguration.class))
      .withPropertyValues("mephisto.broker=memory://", "mephisto.auto-startup=false");

  @Test
  void appliesEveryPropertyToTheAppSettings() {
    runner.withPropertyValues(
        "mephisto.id=orders",
        "mephisto.broker=kafka://k1:9092;k2:9093",
        "mephisto.store=rocksdb:///var/lib/orders",
        "mephisto.processing-guarantee=exactly-once",
        "mephisto.topic-partitions=12",
        "mephisto.topic-replication-factor=3",
        "mephisto.create-topics=false",
        "mephisto.commit-interval=1500ms",
        "mephisto.commit-every=500",
        "mephisto.stream-buffer-max-size=64",
        "mephisto.consumer-auto-offset-reset=latest",
        "mephisto.key-codec=string",
        "mephisto.value-codec=string",
        "mephisto.on-error=skip",
        "mephisto.dead-letter-suffix=-dead",
        "mephisto.table-standby-replicas=2",
        "mephisto.table-cache-max-bytes=32MB",
        "mephisto.group-instance-id=orders-1",
        "mephisto.acceptable-recovery-lag=5000",
        "mephisto.max-warmup-replicas=3",
        "mephisto.probing-rebalance-interval=30s",
        "mephisto.web.host=0.0.0.0",
        "mephisto.web.port=7077",
        "mephisto.web.enabled=false",
        "mephisto.web.advertised-host=orders-1.internal",
        "mephisto.stall-timeout=2m",
        "mephisto.stall-fails-liveness=true",
        "mephisto.shutdown-timeout=45s",
        "mephisto.allowed-reply-topics=billing-reply-*,audit-replies",
        "mephisto.kafka.security.protocol=SASL_SSL",
        "mephisto.kafka.sasl.mechanism=PLAIN",
        "mephisto.codec.schema.registry.url=http://registry:8081")
        .run(context -> {
          assertNull(context.getStartupFailure());
          AppSettings s = context.getBean(App.class).settings();
          assertEquals("orders", s.id());
          assertEquals("kafka://k1:9092;k2:9093", s.broker());
          assertEquals("rocksdb:///var/lib/orders", s.store());
          assertEquals(ProcessingGuarantee.EXACTLY_ONCE, s.processingGuarantee());
          assertEquals(12, s.topicPartitions());
          assertEquals(3, s.topicReplicationFactor());
          assertFalse(s.createTopics());
          assertEquals(Duration.ofMillis(1500), s.commitInterval());
          assertEquals(500, s.commitEvery());
          assertEquals(64, s.streamBufferMaxSize());
          assertEquals("latest", s.consumerAutoOffsetReset());
          assertEquals("string", s.keyCodec());
          assertEquals("string", s.valueCodec());
          assertEquals(OnError.SKIP, s.onError());
          assertEquals("-dead", s.deadLetterSuffix());
          assertEquals(2, s.tableStandbyReplicas());
          assertEquals(32L * 1024 * 1024, s.tableCacheMaxBytes());
          assertEquals("orders-1", s.groupInstanceId());
          assertEquals(5000, s.acceptableRecoveryLag());
          assertEquals(3, s.maxWarmupReplicas());
          assertEquals(Duration.ofSeconds(30), s.probingRebalanceInterval());
          assertEquals("0.0.0.0", s.webHost());
          assertEquals(7077, s.webPort());
          assertFalse(s.webEnabled());
          assertEquals("orders-1.internal", s.webAdvertisedHost());
          assertEquals(Duration.ofMinutes(2), s.stallTimeout());
          assertTrue(s.stallFailsLiveness());
          assertEquals(Duration.ofSeconds(45), s.shutdownTimeout());
          assertEquals(List.of("billing-reply-*", "audit-replies"), s.allowedReplyTopics());
          assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"),
              s.kafka());
          assertEquals(Map.of("schema.registry.url", "http://registry:8081"), s.codecConfig());
        });
  }

  @Test
  void propertiesLeftOutKeepMephistoDefaults() {
    runner.withPropertyValues("mephisto.id=orders", "mephisto.web.port=0").run(context -> {
      AppSettings s = context.getBean(App.class).settings();
      AppSettings defaults = App.builder("orders").broker("memory://")
          .environment(Map.of()).settings();
      assertEquals(0, s.webPort());
      for (RecordComponent c : AppSettings.class.getRecordComponents()) {
        if (!c.getName().equals("webPort")) {
          assertEquals(c.getAccessor().invoke(defaults), c.getAccessor().invoke(s), c.getName());
        }
      }
    });
  }

  @Test
  void mephistosEnvironmentVariableNamesBindThroughSpring() {
    Map<String, Object> env = Map.of(
        "MEPHISTO_ID", "from-env",
        "MEPHISTO_TOPIC_PARTITIONS", "3",
        "MEPHISTO_STREAMBUFFERMAXSIZE", "32",
        "MEPHISTO_KAFKA_SECURITY_PROTOCOL", "SSL",
        "MEPHISTO_CODEC_SCHEMA_REGISTRY_URL", "http://registry:8081");
    runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
        .run(context -> {
          assertNull(context.getStartupFailure());
          AppSettings s = context.getBean(App.class).settings();
          assertEquals("from-env", s.id());
          assertEquals(3, s.topicPartitions());
          assertEquals(32, s.streamBufferMaxSize());
          assertEquals(Map.of("security.protocol", "SSL"), s.kafka());
          assertEquals(Map.of("schema.registry.url", "http://registry:8081"), s.codecConfig());
        });
  }

  @Test
  void idDefaultsToTheSpringApplicationName() {
    runner.withPropertyValues("spring.application.name=billing").run(context ->
        assertEquals("billing", context.getBean(App.class).id()));
  }

  @Test
  void withoutAnIdTheContextFailsNamingBothProperties() {
    runner.run(context -> {
      ConfigurationException e = cause(context.getStartupFailure(), ConfigurationException.class);
      assertTrue(e.getMessage().contains("'mephisto.id'")
          && e.getMessage().contains("'spring.application.name'"), e.getMessage());
    });
  }

  @Test
  void anInvalidSettingFailsTheContextWithMephistoMessage() {
    runner.withPropertyValues("mephisto.id=orders", "mephisto.consumer-auto-offset-reset=oldest")
        .run(context -> {
          ConfigurationException e =
              cause(context.getStartupFailure(), ConfigurationException.class);
          assertTrue(e.getMessage().contains("'consumerAutoOffsetReset' was 'oldest'"),
              e.getMessage());
        });
  }

  @Test
  void customizersRunAfterThePropertiesInTheirOrder() {
    runner.withPropertyValues("mephisto.id=orders", "mephisto.commit-every=100")
        .withUserConfiguration(Customizers.class)
        .run(context -> {
          assertEquals(List.of("first saw 100", "second"), context.getBean(Customizers.class).calls);
          assertEquals(300, context.getBean(App.class).settings().commitEvery());
        });
  }

  @Test
  void codecProviderBeansAreRegisteredWithTheApp() {
    runner.withPropertyValues("mephisto.id=orders", "mephisto.value-codec=shout")
        .withUserConfiguration(ShoutCodec.class)
        .run(context -> {
          assertNull(context.getStartupFailure(), "the 'shout' codec was found");
          AppSettings s = context.getBean(App.class).settings();
          assertEquals(List.of(context.getBean(CodecProvider.class)), s.codecs());
        });
  }

  @Test
  void anAppBeanOfTheApplicationWins() {
    runner.withUserConfiguration(OwnApp.class).run(context -> {
      assertSame(context.getBean(OwnApp.class).app, context.getBean(App.class));
      assertEquals("own", context.getBean(App.class).id());
    });
  }

  private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    throw new AssertionError("expected a " + type.getSimpleName() + " in " + failure, failure);
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    final List<String> calls = new ArrayList<>();

    @Bean
    @Order(2)
    AppBuilderCustomizer second() {
      return builder -> {
        calls.add("second");
        builder.commitEvery(300);
      };
    }

    @Bean
    @Order(1)
    AppBuilderCustomizer first() {
      return builder -> calls.add("first saw " + builder.settings().commitEvery());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ShoutCodec {
    @Bean
    CodecProvider shout() {
      return new CodecProvider() {
        @Override
        public String name() {
          return "shout";
        }

        @Override
        public Codec create(Map<String, ?> config) {
          return new Codec() {
            @Override
            public byte[] encode(Object value) {
              return value.toString().toUpperCase().getBytes();
            }

            @Override
            public <T> T decode(byte[] data, Class<T> type) {
              return type.cast(new String(data));
            }
          };
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnApp {
    final App app = App.builder("own").broker("memory://").environment(Map.of()).build();

    @Bean
    App app() {
      return app;
    }
  }
}
