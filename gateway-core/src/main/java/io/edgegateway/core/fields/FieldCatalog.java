package io.edgegateway.core.fields;

import io.edgegateway.core.RosTypeName;
import java.util.Optional;

/**
 * Resolves field paths against message definitions: the seam through which core (samplers, field
 * metrics, config checks) reads message fields without knowing the ROS 2 bridge that decodes them.
 * The daemon builds one from the bridge's message registry.
 */
@FunctionalInterface
public interface FieldCatalog {

  /**
   * A reader of {@code path} in messages of {@code type}.
   *
   * @return empty when {@code type} is not known (no definition), so the path cannot be checked
   * @throws IllegalArgumentException when the type is known but the path does not name a single
   *     primitive or string value in it (no such field, array not indexed, index past a fixed
   *     array's length, path continues past a primitive); the message says which and why
   */
  Optional<FieldReader> reader(RosTypeName type, FieldPath path);

  /** A catalog that knows no type; every lookup is empty. */
  static FieldCatalog empty() {
    return (type, path) -> Optional.empty();
  }
}
