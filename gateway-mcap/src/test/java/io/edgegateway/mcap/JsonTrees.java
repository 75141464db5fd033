package io.edgegateway.mcap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** Compares JSON trees with numbers by value (1 equals 1.0), as decoders differ in number types. */
final class JsonTrees {
  private JsonTrees() {}

  static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.asDouble() == b.asDouble() ? 0 : 1; // -0.0 == 0.0: JSON prints -0 as 0
        }
        return a.equals(b) ? 0 : 1;
      };

  static boolean sameValues(JsonNode a, JsonNode b) {
    return a.equals(NUMBERS_BY_VALUE, b);
  }
}
