package io.edgegateway.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Immutable, order-keeping copies of config maps. */
final class ConfigMaps {
  private ConfigMaps() {}

  /** An unmodifiable copy that keeps iteration order and rejects null keys and values. */
  static <V> Map<String, V> copyOf(Map<String, V> map, String name) {
    Objects.requireNonNull(map, name);
    Map<String, V> copy = new LinkedHashMap<>();
    map.forEach(
        (k, v) ->
            copy.put(
                Objects.requireNonNull(k, name + " key"),
                Objects.requireNonNull(v, name + "." + k)));
    return Collections.unmodifiableMap(copy);
  }
}
