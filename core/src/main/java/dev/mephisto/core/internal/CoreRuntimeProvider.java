package dev.mephisto.core.internal;

import dev.mephisto.App;
import dev.mephisto.AppSettings;
import dev.mephisto.spi.RuntimeProvider;

/** Makes {@link MephistoApp}s; found by {@code App.builder(id).build()} through ServiceLoader. */
public final class CoreRuntimeProvider implements RuntimeProvider {
  @Override
  public App create(AppSettings settings) {
    return new MephistoApp(settings);
  }
}
