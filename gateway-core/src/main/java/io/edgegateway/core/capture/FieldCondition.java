package io.edgegateway.core.capture;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.fields.FieldCatalog;
import io.edgegateway.core.fields.FieldReadException;
import io.edgegateway.core.fields.FieldReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TriggerCondition} bound to one message type: tests serialized samples of that type.
 *
 * <p>Implementation notes: a path without {@code [*]} has one {@link FieldReader}. A path with
 * {@code [*]} reads element 0, 1, 2, ... each through its own reader (resolved on first use and
 * kept), until an element compares true, the sample's sequence ends (the reader reports an index
 * past the end), the type's fixed or bounded array ends (the catalog refuses the index) or {@link
 * #MAX_ELEMENTS} were read. Used by one thread.
 */
public final class FieldCondition {
  /** The most elements an {@code [*]} path looks at in one sample. */
  public static final int MAX_ELEMENTS = 1024;

  private final TriggerCondition condition;
  private final RosTypeName type;
  private final FieldCatalog catalog;
  private final List<FieldReader> readers = new ArrayList<>();
  private int arrayEnd = MAX_ELEMENTS;

  private FieldCondition(TriggerCondition condition, RosTypeName type, FieldCatalog catalog) {
    this.condition = condition;
    this.type = type;
    this.catalog = catalog;
  }

  /**
   * The condition on samples of {@code type}.
   *
   * @return empty when the catalog does not know {@code type}
   * @throws IllegalArgumentException when the path names no field of {@code type}
   */
  public static Optional<FieldCondition> bind(
      TriggerCondition condition, RosTypeName type, FieldCatalog catalog) {
    Optional<FieldReader> first = catalog.reader(type, condition.concretePath(0));
    if (first.isEmpty()) {
      return Optional.empty();
    }
    FieldCondition bound = new FieldCondition(condition, type, catalog);
    bound.readers.add(first.get());
    return Optional.of(bound);
  }

  /**
   * Whether the sample satisfies the condition (for {@code [*]}: any element does).
   *
   * @throws FieldReadException when the sample cannot be read up to the field (not for an {@code
   *     [*]} sequence that simply ends)
   */
  public boolean test(byte[] sample) throws FieldReadException {
    if (!condition.anyElement()) {
      return condition.test(readers.get(0).read(sample));
    }
    for (int index = 0; index < arrayEnd; index++) {
      Optional<FieldReader> reader = reader(index);
      if (reader.isEmpty()) {
        return false;
      }
      Object value;
      try {
        value = reader.get().read(sample);
      } catch (FieldReadException e) {
        return false; // the sequence of this sample has no element `index`
      }
      if (condition.test(value)) {
        return true;
      }
    }
    return false;
  }

  private Optional<FieldReader> reader(int index) {
    if (index < readers.size()) {
      return Optional.of(readers.get(index));
    }
    try {
      Optional<FieldReader> next = catalog.reader(type, condition.concretePath(index));
      next.ifPresent(readers::add);
      return next;
    } catch (IllegalArgumentException e) {
      arrayEnd = index; // a fixed or bounded array has no more elements
      return Optional.empty();
    }
  }

  /** The condition as written. */
  public TriggerCondition condition() {
    return condition;
  }
}
