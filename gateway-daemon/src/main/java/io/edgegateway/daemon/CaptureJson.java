package io.edgegateway.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.core.capture.Incident;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON of the capture endpoints: an incident as {@code GET /v1/captures[/{id}]} shows it, and
 * the body of {@code POST /v1/captures} ({@code {"reason", "pre_s", "post_s", "topics"?}}), checked
 * against the ring's limit.
 */
final class CaptureJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_REASON = 500;
  private static final int MAX_TOPICS = 256;

  private CaptureJson() {}

  /**
   * A valid request.
   *
   * @param reason the operator's reason
   * @param pre time kept before now
   * @param post time kept after now
   * @param topics topics to keep; empty for all
   */
  record Request(String reason, Duration pre, Duration post, Set<String> topics) {}

  /** A request that is not valid: the message for the 400 answer. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  /** Parses and checks a request body; {@code maxWindow} bounds {@code pre_s + post_s}. */
  static Request request(String body, Duration maxWindow) throws BadRequest {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new BadRequest("body is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadRequest(
          "expected a JSON object like {\"reason\": \"...\", \"pre_s\": 20, \"post_s\": 5}");
    }
    for (var names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!List.of("reason", "pre_s", "post_s", "topics").contains(name)) {
        throw new BadRequest("unknown field '" + name + "' (known: reason, pre_s, post_s, topics)");
      }
    }
    JsonNode reason = root.get("reason");
    if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
      throw new BadRequest("reason: expected a non-empty string");
    }
    if (reason.asText().length() > MAX_REASON) {
      throw new BadRequest("reason: at most " + MAX_REASON + " characters");
    }
    double maxS = maxWindow.toMillis() / 1000.0;
    double pre = seconds(root, "pre_s", maxS);
    double post = seconds(root, "post_s", maxS);
    if (pre + post > maxS) {
      throw new BadRequest(
          "pre_s + post_s is "
              + show(pre + post)
              + " s, more than the ring holds (capture.ring.max_age: "
              + show(maxS)
              + " s)");
    }
    Set<String> topics = new LinkedHashSet<>();
    JsonNode list = root.get("topics");
    if (list != null && !list.isNull()) {
      if (!list.isArray() || list.size() > MAX_TOPICS) {
        throw new BadRequest("topics: expected a list of at most " + MAX_TOPICS + " topic names");
      }
      for (JsonNode t : list) {
        if (!t.isTextual() || !t.asText().startsWith("/")) {
          throw new BadRequest("topics: expected topic names like /joint_states, got " + t);
        }
        topics.add(t.asText());
      }
    }
    return new Request(
        reason.asText(),
        Duration.ofNanos((long) (pre * 1e9)),
        Duration.ofNanos((long) (post * 1e9)),
        topics);
  }

  private static double seconds(JsonNode root, String name, double maxS) throws BadRequest {
    JsonNode n = root.get(name);
    if (n == null || !n.isNumber()) {
      throw new BadRequest(name + ": expected a number of seconds, 0.." + show(maxS));
    }
    double v = n.asDouble();
    if (!Double.isFinite(v) || v < 0 || v > maxS) {
      throw new BadRequest(
          name + ": " + n + " is out of range (expected 0.." + show(maxS) + " seconds)");
    }
    return v;
  }

  private static String show(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** The error body of a 400: {@code {"error": ..., "max_s": N}}. */
  static String error(String message, Duration maxWindow) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", message);
    body.put("max_s", maxWindow.toMillis() / 1000.0);
    return body + "\n";
  }

  /** One incident as JSON. */
  static ObjectNode incident(Incident i) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", i.id());
    o.put("trigger", i.trigger());
    ArrayNode triggers = o.putArray("triggers");
    i.triggers().forEach(triggers::add);
    o.put("reason", i.reason());
    o.put("state", i.state().wireName());
    ObjectNode window = o.putObject("window");
    window.put("from", Instant.ofEpochSecond(0, i.fromNs()).toString());
    window.put("to", Instant.ofEpochSecond(0, i.toNs()).toString());
    window.put("from_ns", i.fromNs());
    window.put("to_ns", i.toNs());
    ArrayNode topics = o.putArray("topics");
    i.topics().stream().sorted().forEach(topics::add);
    ObjectNode counts = o.putObject("counts");
    new TreeMap<>(i.counts()).forEach(counts::put);
    o.put("samples", i.samples());
    o.put("complete", i.complete());
    o.put("note", i.note());
    return o;
  }

  /** A list of incidents: {@code {"incidents": [...]}}. */
  static String list(List<Incident> incidents) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode list = o.putArray("incidents");
    incidents.forEach(i -> list.add(incident(i)));
    return o.toPrettyString() + "\n";
  }
}
