package io.edgegateway.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML mapping of the config contract: the keys it may hold, in the order the reference lists
 * them.
 *
 * @param path where it sits, e.g. {@code ros2.topics[].qos}
 * @param description what it configures, one or two sentences
 * @param keys its keys
 */
record Section(String path, String description, List<Key<?>> keys) {
  Section {
    keys = List.copyOf(keys);
    Map<String, Key<?>> seen = new LinkedHashMap<>();
    for (Key<?> key : keys) {
      if (seen.put(key.name(), key) != null) {
        throw new IllegalArgumentException("duplicate key " + key.name() + " in " + path);
      }
    }
  }

  static Section of(String path, String description, Key<?>... keys) {
    return new Section(path, description, List.of(keys));
  }

  /** Key names, in declaration order. */
  List<String> names() {
    List<String> names = new ArrayList<>(keys.size());
    for (Key<?> key : keys) {
      names.add(key.name());
    }
    return Collections.unmodifiableList(names);
  }

  boolean has(String name) {
    for (Key<?> key : keys) {
      if (key.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
