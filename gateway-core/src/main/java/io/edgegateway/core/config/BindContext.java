package io.edgegateway.core.config;

import io.edgegateway.core.RosTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * What the section binders of one config file share: its errors, the scalar reader, and the field
 * paths found, which {@link ConfigResult#checkFields} checks against message definitions later.
 */
final class BindContext {
  private final ErrorCollector errors;
  private final ScalarReader scalars;
  private final List<FieldRef> fieldRefs = new ArrayList<>();

  BindContext(ErrorCollector errors, ScalarReader scalars) {
    this.errors = errors;
    this.scalars = scalars;
  }

  ErrorCollector errors() {
    return errors;
  }

  ScalarReader scalars() {
    return scalars;
  }

  /** Reads {@code node} as a mapping of {@code section}; see {@link MappingView}. */
  MappingView mapping(@Nullable Node node, Section section, String path, Position anchor) {
    return new MappingView(node, section, path, anchor, this);
  }

  /** Reads a list element as a mapping of {@code section}, anchored at the element. */
  MappingView mapping(MappingView.Element element, Section section) {
    return mapping(element.node(), section, element.path(), Position.of(element.node()));
  }

  /** Records a field path found at {@code at}, for the check against message definitions. */
  void fieldRef(
      Position at, String path, Optional<RosTypeName> type, String field, boolean numeric) {
    fieldRef(at, path, type, field, numeric, false);
  }

  /** Records a field path that must be a number ({@code numeric}) or a string ({@code text}). */
  void fieldRef(
      Position at,
      String path,
      Optional<RosTypeName> type,
      String field,
      boolean numeric,
      boolean text) {
    fieldRefs.add(
        new FieldRef(errors.file(), at.line(), at.column(), path, type, field, numeric, text));
  }

  List<FieldRef> fieldRefs() {
    return fieldRefs;
  }
}
