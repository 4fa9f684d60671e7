package dev.mephisto.core;

import dev.mephisto.App;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Apps made by a test, stopped after each test: {@code @RegisterExtension final TestApps apps =
 * new TestApps();}.
 */
final class TestApps implements AfterEachCallback {
  private final List<App> apps = new CopyOnWriteArrayList<>();

  /**
   * @param id the app id
   * @return an app on {@code memory://} with {@code string} values and no environment settings
   */
  App memory(String id) {
    return track(App.builder(id).broker("memory://").valueCodec("string").web("127.0.0.1", 0)
        .environment(Map.of()).build());
  }

  /**
   * @param app an app to stop after the test
   * @return the app
   */
  App track(App app) {
    apps.add(app);
    return app;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    apps.forEach(App::stop);
    apps.clear();
  }
}
