package dev.mephisto.codec.json;

import dev.mephisto.testkit.codec.CodecFuzzKit;
import dev.mephisto.testkit.codec.FuzzRandom;
import java.util.List;

/** Fuzzes {@code json} with records, sealed interfaces and untyped JSON (testkit's fuzz kit). */
class JsonFuzzTest extends CodecFuzzKit {
  @Override
  protected String codecSpec() {
    return "json";
  }

  @Override
  protected Object validValue(FuzzRandom r) {
    return JsonFuzzModels.value(r);
  }

  @Override
  protected Class<?> decodeType(Object value) {
    return JsonFuzzModels.decodeType(value);
  }

  @Override
  protected List<Class<?>> targetTypes() {
    return JsonFuzzModels.TARGETS;
  }

  @Override
  protected List<Hostile> hostilePayloads() {
    return JsonFuzzModels.hostile();
  }
}
