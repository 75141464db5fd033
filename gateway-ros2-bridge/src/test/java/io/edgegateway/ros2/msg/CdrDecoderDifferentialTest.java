package io.edgegateway.ros2.msg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.core.config.Ros2Distro;
import io.edgegateway.testkit.mcap.NodeCdrWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every bundled type of every bundled distribution, written as random messages by an independent
 * CDR implementation (the TypeScript {@code @foxglove/rosmsg2-serialization}, one node process for
 * all types) from our own full definition text, decoded by {@link CdrDecoder} and compared field by
 * field: numbers exactly (64-bit integers as decimals, float32 as float), strings, bounded and
 * unbounded sequences, fixed arrays of messages, empty messages. Seeded ({@code -Dcdr.diff.seed}),
 * so a failure reproduces. wstring is not covered: the TypeScript writer refuses it (no common
 * interface type uses it; CdrDecoderTest covers it).
 */
class CdrDecoderDifferentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = Long.getLong("cdr.diff.seed", 20261207L);
  private static final int PER_TYPE = 12;

  @Test
  void everyBundledTypeOfEveryDistributionDecodesAsTheIndependentWriterWroteIt() throws Exception {
    Map<String, MessageRegistry> registries = new LinkedHashMap<>();
    List<Ros2Distro> distros = MessageRegistry.bundledDistros();
    if (distros.isEmpty()) {
      registries.put("built-in", MessageRegistry.bundled());
    }
    for (Ros2Distro d : distros) {
      registries.put(d.configName(), MessageRegistry.bundled(d));
    }
    ObjectNode input = JSON.createObjectNode().put("seed", SEED).put("count", PER_TYPE);
    ArrayNode types = input.putArray("types");
    for (Map.Entry<String, MessageRegistry> r : registries.entrySet()) {
      for (String type : r.getValue().types()) {
        types
            .addObject()
            .put("key", r.getKey() + " " + type)
            .put("definition", r.getValue().fullDefinitionText(type));
      }
    }
    Path dir = Files.createDirectories(Path.of("target", "cdr-diff"));
    Files.writeString(dir.resolve("in.json"), JSON.writeValueAsString(input));
    NodeCdrWriter.install(Path.of("target", "mcap-reader"))
        .write(dir.resolve("in.json"), dir.resolve("out.jsonl"));

    Map<String, Integer> passedTypes = new TreeMap<>();
    Map<String, List<String>> failures = new TreeMap<>();
    Map<String, Integer> messages = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("out.jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode rec = JSON.readTree(line);
      String key = rec.get("key").asText();
      String distro = key.substring(0, key.indexOf(' '));
      String type = key.substring(key.indexOf(' ') + 1);
      List<String> problems = failures.computeIfAbsent(key, k -> new ArrayList<>());
      if (rec.has("error")) {
        problems.add("independent writer: " + rec.get("error").asText());
        continue;
      }
      MessageRegistry registry = registries.get(distro);
      byte[] cdr = Base64.getDecoder().decode(rec.get("cdr").asText());
      try {
        Map<String, Object> decoded = new CdrDecoder(registry).decode(type, cdr);
        new Comparison(registry, problems)
            .message(
                type + "#" + rec.get("i").asInt(),
                registry.require(type),
                decoded,
                rec.get("value"));
      } catch (CdrDecodeException e) {
        problems.add(type + "#" + rec.get("i").asInt() + ": " + e.getMessage());
      }
      messages.merge(distro, 1, Integer::sum);
    }
    failures.values().removeIf(List::isEmpty);
    for (Map.Entry<String, MessageRegistry> r : registries.entrySet()) {
      int passed = 0;
      for (String type : r.getValue().types()) {
        if (!failures.containsKey(r.getKey() + " " + type)) {
          passed++;
        }
      }
      passedTypes.put(r.getKey(), passed);
      System.out.printf(
          "cdr differential %s: %d of %d types, %d messages, seed %d%n",
          r.getKey(),
          passed,
          r.getValue().types().size(),
          messages.getOrDefault(r.getKey(), 0),
          SEED);
    }
    assertThat(failures).as("types whose decode differs from the independent writer").isEmpty();
    for (Map.Entry<String, MessageRegistry> r : registries.entrySet()) {
      assertThat(messages.get(r.getKey())).isEqualTo(r.getValue().types().size() * PER_TYPE);
    }
  }

  /** Walks a definition, our decoded tree and the writer's value side by side. */
  private record Comparison(MessageRegistry registry, List<String> problems) {
    void message(
        String path, MessageDefinition def, Map<String, Object> actual, JsonNode expected) {
      if (actual.size() != def.fields().size()) {
        problems.add(path + ": decoded " + actual.keySet() + ", defined " + def.fields());
      }
      for (MessageField f : def.fields()) {
        String p = path + "." + f.name();
        JsonNode e = expected.get(f.name());
        Object a = actual.get(f.name());
        if (e == null || a == null) {
          problems.add(p + ": missing (decoded " + a + ", written " + e + ")");
          continue;
        }
        if (!f.type().isArray()) {
          value(p, f.type(), a, e);
          continue;
        }
        List<?> elements = a instanceof byte[] bytes ? unsigned(bytes) : (List<?>) a;
        if (!e.isArray() || elements.size() != e.size()) {
          problems.add(p + ": " + elements.size() + " elements decoded, written " + e);
          continue;
        }
        for (int i = 0; i < elements.size(); i++) {
          value(p + "[" + i + "]", f.type().element(), elements.get(i), e.get(i));
        }
      }
    }

    @SuppressWarnings("unchecked")
    private void value(String path, FieldType type, Object a, JsonNode e) {
      if (type.isMessage()) {
        message(path, registry.require(type.messageTypeOrThrow()), (Map<String, Object>) a, e);
        return;
      }
      boolean same =
          switch (type.primitiveOrThrow()) {
            case BOOL -> e.isBoolean() && a.equals(e.booleanValue());
            case FLOAT32 -> e.isNumber() && ((Float) a) == (float) e.doubleValue();
            case FLOAT64 -> e.isNumber() && ((Double) a) == e.doubleValue();
            case STRING, WSTRING -> a.equals(e.asText());
            default -> integer(a).equals(new BigInteger(e.asText()));
          };
      if (!same) {
        problems.add(path + ": decoded " + a + ", written " + e);
      }
    }

    private static BigInteger integer(Object a) {
      return a instanceof BigInteger b ? b : BigInteger.valueOf(((Number) a).longValue());
    }

    private static List<Integer> unsigned(byte[] bytes) {
      List<Integer> out = new ArrayList<>(bytes.length);
      for (byte b : bytes) {
        out.add(b & 0xff);
      }
      return out;
    }
  }
}
