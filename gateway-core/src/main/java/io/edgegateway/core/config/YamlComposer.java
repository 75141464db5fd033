package io.edgegateway.core.config;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes config text into a YAML node tree, turning YAML syntax errors into positioned errors.
 *
 * <p>Implementation notes: the YAML is composed into a node tree (snakeyaml-engine), never
 * constructed into Java objects, so every key and value keeps its start mark. Nesting depth is
 * checked first on the event stream because the composer recurses. Duplicate and non-scalar keys
 * are allowed here so that {@link MappingView} can report them with their positions.
 */
final class YamlComposer {
  /** Deepest nesting accepted; the contract needs 6. */
  static final int MAX_DEPTH = 32;

  private final ErrorCollector errors;

  YamlComposer(ErrorCollector errors) {
    this.errors = errors;
  }

  /** The root node of {@code text}; empty for an empty document or (reported) an error. */
  Optional<Node> compose(String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(errors.file())
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(true)
            .setAllowNonScalarKeys(true)
            .setUseMarks(true)
            .build();
    try {
      int depth = 0;
      for (Event event : new Parse(settings).parseString(text)) {
        if (event instanceof CollectionStartEvent) {
          if (++depth > MAX_DEPTH) {
            errors.report(
                event.getStartMark().map(Position::of).orElse(Position.DOCUMENT_START),
                "",
                "nested deeper than " + MAX_DEPTH + " levels");
            return Optional.empty();
          }
        } else if (event instanceof CollectionEndEvent) {
          depth--;
        }
      }
      return new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      Position at =
          e.getProblemMark()
              .or(e::getContextMark)
              .map(Position::of)
              .orElse(Position.DOCUMENT_START);
      String problem = oneLine(e.getProblem());
      String context = oneLine(e.getContext());
      String message = problem.isEmpty() ? context : problem;
      if (!problem.isEmpty() && !context.isEmpty()) {
        message = problem + " (" + context + ")";
      }
      errors.report(at, "", "YAML syntax error: " + message);
      return Optional.empty();
    } catch (ReaderException e) {
      errors.report(
          Position.ofCodePoint(text, e.getPosition()),
          "",
          "YAML syntax error: "
              + oneLine(e.getMessage())
              + String.format(" (U+%04X)", e.getCodePoint()));
      return Optional.empty();
    } catch (YamlEngineException e) {
      errors.report(Position.DOCUMENT_START, "", "YAML error: " + oneLine(e.getMessage()));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      // snakeyaml-engine rejects some malformed tags (e.g. "!::::%0") with a bare
      // IllegalArgumentException instead of a marked YAML exception.
      errors.report(Position.DOCUMENT_START, "", "YAML error: " + oneLine(e.getMessage()));
      return Optional.empty();
    }
  }

  /** The first line of an exception text, trimmed; empty for null. */
  static String oneLine(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String trimmed = text.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }
}
