package io.edgegateway.ros2.msg;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.fields.FieldCatalog;
import io.edgegateway.core.fields.FieldPath;
import io.edgegateway.core.fields.FieldReadException;
import io.edgegateway.core.fields.FieldReader;
import io.edgegateway.ros2.msg.FieldType.ArrayKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link FieldCatalog} over a {@link MessageRegistry}: resolves field paths against the message
 * definitions and reads one field out of CDR samples, decoding only as far as the field.
 *
 * <p>Implementation notes: a path is resolved once into steps (definition, field index, element
 * index), so everything a config can get wrong is refused up front. Reading walks the sample with
 * the {@link CdrDecoder}'s cursor: fields before the target are skipped (a run of fixed-size
 * primitives in one jump; strings by their length; nested messages field by field), sequence
 * lengths are checked against the bytes left, and an index past the end of this sample's sequence
 * is a {@link FieldReadException}. Thread-safe.
 */
public final class CdrFieldCatalog implements FieldCatalog {
  private static final int HEADER = 4;

  private final MessageRegistry registry;
  private final CdrDecoder decoder;

  private CdrFieldCatalog(MessageRegistry registry) {
    this.registry = registry;
    this.decoder = new CdrDecoder(registry);
  }

  /** A catalog of the types in {@code registry}. */
  public static CdrFieldCatalog of(MessageRegistry registry) {
    return new CdrFieldCatalog(Objects.requireNonNull(registry, "registry"));
  }

  @Override
  public Optional<FieldReader> reader(RosTypeName type, FieldPath path) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(path, "path");
    Optional<MessageDefinition> root = registry.find(type.toString());
    if (root.isEmpty()) {
      return Optional.empty();
    }
    List<Step> steps = new ArrayList<>();
    MessageDefinition def = root.get();
    List<FieldPath.Segment> segments = path.segments();
    FieldReader.Kind kind = null;
    for (int i = 0; i < segments.size(); i++) {
      FieldPath.Segment segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      int fieldIndex = indexOf(def, segment.name());
      if (fieldIndex < 0) {
        throw new IllegalArgumentException(
            "no field '"
                + segment.name()
                + "' in "
                + def.type()
                + " (fields: "
                + String.join(", ", def.fields().stream().map(MessageField::name).toList())
                + ")");
      }
      MessageField field = def.fields().get(fieldIndex);
      FieldType t = field.type();
      String shown = prefix(segments, i) + segment.name();
      if (t.isArray() && !segment.indexed()) {
        throw new IllegalArgumentException(
            "'"
                + shown
                + "' is an array ("
                + typeText(t)
                + "); name one element, e.g. "
                + shown
                + "[0]");
      }
      if (!t.isArray() && segment.indexed()) {
        throw new IllegalArgumentException(
            "'"
                + shown
                + "' is not an array ("
                + typeText(t)
                + "); remove ["
                + segment.index()
                + "]");
      }
      if (t.array() == ArrayKind.FIXED && segment.index() >= t.arrayBound()) {
        throw new IllegalArgumentException(
            "index "
                + segment.index()
                + " is out of range for '"
                + shown
                + "' ("
                + typeText(t)
                + ", indexes 0.."
                + (t.arrayBound() - 1)
                + ")");
      }
      if (t.array() == ArrayKind.BOUNDED && segment.index() >= t.arrayBound()) {
        throw new IllegalArgumentException(
            "index "
                + segment.index()
                + " is out of range for '"
                + shown
                + "' ("
                + typeText(t)
                + ", at most "
                + t.arrayBound()
                + " elements)");
      }
      steps.add(new Step(def, fieldIndex, field, segment.index()));
      if (t.isMessage()) {
        if (last) {
          throw new IllegalArgumentException(
              "'"
                  + shown
                  + "' is a message ("
                  + t.messageType()
                  + "); name one of its fields, e.g. "
                  + shown
                  + "."
                  + firstFieldName(t.messageTypeOrThrow()));
        }
        def =
            registry
                .find(t.messageTypeOrThrow())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "message type "
                                + t.messageType()
                                + " used by "
                                + shown
                                + " is not known"));
      } else if (!last) {
        throw new IllegalArgumentException(
            "'"
                + shown
                + "' is a "
                + t.primitiveOrThrow().msgName()
                + "; the path cannot continue past it");
      } else {
        kind = kindOf(t.primitiveOrThrow());
      }
    }
    return Optional.of(
        new PathReader(path, Objects.requireNonNull(kind, "kind"), List.copyOf(steps)));
  }

  private String firstFieldName(String type) {
    return registry
        .find(type)
        .filter(d -> !d.fields().isEmpty())
        .map(d -> d.fields().get(0).name())
        .orElse("<field>");
  }

  private static String prefix(List<FieldPath.Segment> segments, int upTo) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < upTo; i++) {
      b.append(segments.get(i)).append('.');
    }
    return b.toString();
  }

  private static int indexOf(MessageDefinition def, String name) {
    for (int i = 0; i < def.fields().size(); i++) {
      if (def.fields().get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String typeText(FieldType t) {
    String element = t.isMessage() ? t.messageTypeOrThrow() : t.primitiveOrThrow().msgName();
    switch (t.array()) {
      case FIXED:
        return element + "[" + t.arrayBound() + "]";
      case BOUNDED:
        return element + "[<=" + t.arrayBound() + "]";
      case UNBOUNDED:
        return element + "[]";
      case NONE:
      default:
        return element;
    }
  }

  private static FieldReader.Kind kindOf(Primitive p) {
    if (p == Primitive.BOOL) {
      return FieldReader.Kind.BOOLEAN;
    }
    return p.isString() ? FieldReader.Kind.TEXT : FieldReader.Kind.NUMBER;
  }

  /** One resolved step: field {@code fieldIndex} of {@code def}, element {@code index} or -1. */
  private record Step(MessageDefinition def, int fieldIndex, MessageField field, int index) {}

  private final class PathReader implements FieldReader {
    private final FieldPath path;
    private final Kind kind;
    private final List<Step> steps;

    PathReader(FieldPath path, Kind kind, List<Step> steps) {
      this.path = path;
      this.kind = kind;
      this.steps = steps;
    }

    @Override
    public Kind kind() {
      return kind;
    }

    @Override
    public FieldPath path() {
      return path;
    }

    @Override
    public Object read(byte[] sample) throws FieldReadException {
      if (sample.length < HEADER || sample[0] != 0 || (sample[1] != 0 && sample[1] != 1)) {
        throw new FieldReadException(path + ": not a plain CDR sample");
      }
      CdrDecoder.Reader in = new CdrDecoder.Reader(sample, sample[1] == 1);
      try {
        for (Step step : steps) {
          List<MessageField> fields = step.def().fields();
          for (int f = 0; f < step.fieldIndex(); f++) {
            skipField(in, fields.get(f), 0);
          }
          FieldType t = step.field().type();
          if (t.isArray()) {
            int count = count(in, step.field());
            if (step.index() >= count) {
              throw new FieldReadException(
                  path
                      + ": index "
                      + step.index()
                      + " is past the end of "
                      + step.field().name()
                      + " ("
                      + count
                      + " elements in this sample)");
            }
            skipElements(in, t.element(), step.index(), step.field().name(), 0);
          }
        }
        Step last = steps.get(steps.size() - 1);
        return decoder.value(in, last.field().type().element(), last.field().name(), 0);
      } catch (CdrDecodeException | MessageDefinitionException e) {
        throw new FieldReadException(path + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new FieldReadException(path + ": malformed sample: " + e, e);
      }
    }

    private int count(CdrDecoder.Reader in, MessageField field) throws CdrDecodeException {
      FieldType t = field.type();
      if (t.array() == ArrayKind.FIXED) {
        return t.arrayBound();
      }
      long length = in.uint32();
      if (t.array() == ArrayKind.BOUNDED && length > t.arrayBound()) {
        throw new CdrDecodeException(
            field.name() + ": sequence length " + length + " exceeds its bound " + t.arrayBound());
      }
      if (length > in.remaining()) {
        throw new CdrDecodeException(
            field.name() + ": length " + length + " exceeds the " + in.remaining() + " bytes left");
      }
      return (int) length;
    }

    private void skipField(CdrDecoder.Reader in, MessageField field, int depth)
        throws CdrDecodeException {
      FieldType t = field.type();
      int count = t.isArray() ? count(in, field) : 1;
      skipElements(in, t.element(), count, field.name(), depth);
    }

    private void skipElements(
        CdrDecoder.Reader in, FieldType element, int count, String name, int depth)
        throws CdrDecodeException {
      if (count == 0) {
        return;
      }
      if (element.isMessage()) {
        if (depth >= CdrDecoder.MAX_DEPTH) {
          throw new CdrDecodeException(
              "messages nested deeper than " + CdrDecoder.MAX_DEPTH + " at " + name);
        }
        MessageDefinition nested =
            registry
                .find(element.messageTypeOrThrow())
                .orElseThrow(
                    () -> new CdrDecodeException("unknown message type " + element.messageType()));
        for (int i = 0; i < count; i++) {
          if (nested.fields().isEmpty()) {
            in.need(1, "empty message");
            in.pos++;
          }
          for (MessageField f : nested.fields()) {
            skipField(in, f, depth + 1);
          }
        }
        return;
      }
      Primitive p = element.primitiveOrThrow();
      if (p == Primitive.STRING) {
        for (int i = 0; i < count; i++) {
          skipBytes(in, in.uint32(), name);
        }
      } else if (p == Primitive.WSTRING) {
        for (int i = 0; i < count; i++) {
          skipBytes(in, in.uint32() * 2, name);
        }
      } else {
        in.align(p.size());
        skipBytes(in, (long) count * p.size(), name);
      }
    }

    private void skipBytes(CdrDecoder.Reader in, long n, String name) throws CdrDecodeException {
      in.need(n, name);
      in.pos += (int) n;
    }
  }
}
