package io.edgegateway.core.config;

import java.nio.file.Path;
import java.time.Duration;

/** The keys of the {@code capture} section: the full-rate capture ring and its triggers. */
final class CaptureSchema {
  private CaptureSchema() {}

  /** The longest window a ring can hold, and so the longest {@code pre + post}. */
  static final Duration MAX_RING_AGE = Duration.ofHours(24);

  static final Key<Long> RING_MAX_BYTES =
      Key.withDefault(
          "max_bytes",
          ValueType.size(1L << 20, 64L << 40),
          "4GiB",
          "Disk quota of the ring, apart from the queue's; past it the oldest segment of the topic"
              + " holding the most bytes is deleted, so one chatty topic cannot evict the others.");
  static final Key<Duration> RING_MAX_AGE =
      Key.withDefault(
          "max_age",
          ValueType.duration(Duration.ofSeconds(1), MAX_RING_AGE),
          "120s",
          "Samples older than this are deleted; the longest `pre + post` a trigger or request may"
              + " ask for.");
  static final Key<Path> RING_PATH =
      Key.derived(
          "path",
          ValueType.path(),
          "`<data_dir>/capture`",
          "Directory of the ring's segment files (and nothing else).");
  static final Section RING_SECTION =
      Section.of(
          "capture.ring",
          "The capture ring: every received sample of every subscribed non-control topic (unless"
              + " its rule says `capture: false`), at full rate and before sampling, on disk.",
          RING_MAX_BYTES,
          RING_MAX_AGE,
          RING_PATH);

  static final Key<String> TRIGGER_NAME =
      Key.required(
          "name",
          ValueType.matching(
              ConfigSchema.STREAM_NAME_PATTERN, "a trigger name like fall or force_limit"),
          "Unique name; the `trigger` of the incidents it opens and the `trigger` tag of"
              + " `gateway_capture_incidents_total`. `manual` is reserved.");
  static final Key<String> TRIGGER_TOPIC =
      Key.required(
          "topic",
          ValueType.topicName(),
          "Topic whose samples are tested; a captured (non-control) rule must match it.");
  static final Key<String> TRIGGER_WHEN =
      Key.required(
          "when",
          ValueType.nonEmptyString(),
          "`path op value`: a field of the topic's type (`[*]` for any element), one of `== !="
              + " < <= > >= matches`, a number, `true`, `false` or a \"string\" (a regular"
              + " expression for `matches`). E.g. `status[*].level >= 2`.");
  static final Key<Duration> TRIGGER_PRE =
      Key.withDefault(
          "pre",
          ValueType.duration(Duration.ZERO, MAX_RING_AGE),
          "20s",
          "Time kept before the sample that fired.");
  static final Key<Duration> TRIGGER_POST =
      Key.withDefault(
          "post",
          ValueType.duration(Duration.ZERO, MAX_RING_AGE),
          "10s",
          "Time kept after it; the incident is sealed when it has run. `pre + post` is at most"
              + " `capture.ring.max_age`.");
  static final Key<Duration> TRIGGER_COOLDOWN =
      Key.derived(
          "cooldown",
          ValueType.duration(Duration.ZERO, MAX_RING_AGE),
          "`post`",
          "After firing, the trigger ignores its condition for this long.");
  static final Key<String> TRIGGER_TOPICS =
      Key.scalarList(
          "topics",
          ValueType.topicName(),
          "Topics the incident keeps; every captured topic when empty.");
  static final Section TRIGGER_SECTION =
      Section.of(
          "capture.triggers[]",
          "A condition on one topic's samples that opens an incident of `[t - pre, t + post]`;"
              + " overlapping windows merge into one incident.",
          TRIGGER_NAME,
          TRIGGER_TOPIC,
          TRIGGER_WHEN,
          TRIGGER_PRE,
          TRIGGER_POST,
          TRIGGER_COOLDOWN,
          TRIGGER_TOPICS);

  static final Key<Void> RING = Key.section("ring", RING_SECTION, "see below", "The ring.");
  static final Key<Void> TRIGGERS =
      Key.sectionList("triggers", TRIGGER_SECTION, "Field conditions that open incidents.");
  static final Section SECTION =
      Section.of(
          "capture",
          "Incident capture (docs/capture.md). Off when the section is absent.",
          RING,
          TRIGGERS);
}
