package io.edgegateway.testkit.sim;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.testkit.cdr.HumanoidMessages;
import io.edgegateway.testkit.cdr.SensorNoise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load profile: the topics a simulated robot publishes, with type, rate, traffic class and
 * expected sample size. {@link #humanoid1()} is the reference load of {@code
 * shared/LOAD-PROFILE.md}.
 *
 * @param name profile name, e.g. {@code humanoid-1} or {@code humanoid-1x10}
 * @param topics one entry per topic, names unique
 * @param noise the sensor noise the samples carry ({@link SensorNoise#NONE}: clean waves)
 */
public record HumanoidProfile(String name, List<TopicLoad> topics, SensorNoise noise) {

  /** Name of the reference profile. */
  public static final String HUMANOID_1 = "humanoid-1";

  /** Name of the many-topics profile ({@link #manyTopics()}). */
  public static final String MANY_TOPICS = "many-topics";

  /** How many topics {@link #manyTopics()} publishes. */
  public static final int MANY_TOPICS_COUNT = 250;

  private static final List<RosTypeName> MANY_TOPICS_TYPES =
      List.of(
          HumanoidMessages.IMU,
          HumanoidMessages.JOINT_STATE,
          HumanoidMessages.TEMPERATURE,
          HumanoidMessages.BATTERY_STATE,
          HumanoidMessages.POSE_STAMPED,
          HumanoidMessages.TWIST_STAMPED,
          HumanoidMessages.WRENCH_STAMPED,
          HumanoidMessages.FLOAT64,
          HumanoidMessages.STRING,
          HumanoidMessages.DIAGNOSTIC_ARRAY,
          HumanoidMessages.ODOMETRY);
  private static final double[] MANY_TOPICS_RATES = {10, 20, 25, 50, 100};

  private static final Pattern NAMED = Pattern.compile("humanoid-1(?:x(\\d+(?:\\.\\d+)?))?");
  private static final int MIN_MAX_SAMPLE_BYTES = 4 * 1024;

  public HumanoidProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(noise, "noise");
    topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("topics : [] (expected: at least one topic)");
    }
    Set<String> seen = new HashSet<>();
    for (TopicLoad load : topics) {
      if (!seen.add(load.topic())) {
        throw new IllegalArgumentException(
            "topics : " + load.topic() + " listed twice (expected: unique topic names)");
      }
    }
  }

  /** A profile without sensor noise. */
  public HumanoidProfile(String name, List<TopicLoad> topics) {
    this(name, topics, SensorNoise.NONE);
  }

  /** This profile with {@code sensorNoise} on its sensor topics (same name, rates and topics). */
  public HumanoidProfile withNoise(SensorNoise sensorNoise) {
    return new HumanoidProfile(name, topics, sensorNoise);
  }

  /**
   * The encoder of {@code load}'s samples, with this profile's noise at the topic's nominal rate.
   */
  public HumanoidMessages.SampleEncoder encoder(TopicLoad load) {
    return HumanoidMessages.encoderFor(load.type(), noise, load.rateHz());
  }

  /** The humanoid-1 reference load: 13 topics, about 7,150 messages/s and 7.5 MB/s. */
  public static HumanoidProfile humanoid1() {
    List<TopicLoad> topics = new ArrayList<>();
    topics.add(
        load("/joint_states", HumanoidMessages.JOINT_STATE, 500, TrafficClass.TELEMETRY, 1560));
    for (String imu : List.of("/imu/torso", "/imu/pelvis")) {
      topics.add(load(imu, HumanoidMessages.IMU, 1000, TrafficClass.TELEMETRY, 328));
    }
    for (String ft :
        List.of("/ft/left_wrist", "/ft/right_wrist", "/ft/left_ankle", "/ft/right_ankle")) {
      topics.add(load(ft, HumanoidMessages.WRENCH_STAMPED, 1000, TrafficClass.TELEMETRY, 80));
    }
    for (String camera :
        List.of("/camera/head/compressed", "/camera/left/compressed", "/camera/right/compressed")) {
      topics.add(
          load(camera, HumanoidMessages.COMPRESSED_IMAGE, 30, TrafficClass.PERCEPTION, 60_000));
    }
    topics.add(
        load(
            "/diagnostics", HumanoidMessages.DIAGNOSTIC_ARRAY, 10, TrafficClass.DIAGNOSTICS, 2048));
    topics.add(
        load("/joint_commands", HumanoidMessages.JOINT_TRAJECTORY, 500, TrafficClass.CONTROL, 600));
    topics.add(load("/cmd_vel", HumanoidMessages.TWIST, 50, TrafficClass.CONTROL, 48));
    return new HumanoidProfile(HUMANOID_1, topics);
  }

  /**
   * The many-topics load: {@value #MANY_TOPICS_COUNT} topics {@code /robot/sensor_NNN/<kind>} of
   * eleven common types (Imu, JointState, Temperature, BatteryState, PoseStamped, TwistStamped,
   * WrenchStamped, Float64, String, DiagnosticArray, Odometry: topic {@code i} takes type {@code i
   * mod 11}) at 10, 20, 25, 50 or 100 Hz ({@code i mod 5}, so every type runs at every rate), all
   * telemetry; about 10,250 messages/s. A type's expected size is that of its first encoded sample.
   */
  public static HumanoidProfile manyTopics() {
    List<TopicLoad> topics = new ArrayList<>(MANY_TOPICS_COUNT);
    Map<RosTypeName, Integer> sizes = new HashMap<>();
    for (int i = 0; i < MANY_TOPICS_COUNT; i++) {
      RosTypeName type = MANY_TOPICS_TYPES.get(i % MANY_TOPICS_TYPES.size());
      String kind = type.toString().substring(type.toString().lastIndexOf('/') + 1);
      String topic =
          String.format(Locale.ROOT, "/robot/sensor_%03d/%s", i, kind.toLowerCase(Locale.ROOT));
      // one size per type (that of its first topic's first sample): the DDS bus fixes a type's
      // largest sample when the type is first used, so every topic of a type must agree
      int size =
          sizes.computeIfAbsent(
              type, k -> HumanoidMessages.encoderFor(k).encode(topic, 0, 0).length);
      topics.add(
          load(
              topic,
              type,
              MANY_TOPICS_RATES[i % MANY_TOPICS_RATES.length],
              TrafficClass.TELEMETRY,
              size));
    }
    return new HumanoidProfile(MANY_TOPICS, topics);
  }

  /**
   * The profile called {@code name}: {@code humanoid-1}, {@code humanoid-1xK} for every rate
   * multiplied by {@code K} (e.g. {@code humanoid-1x10}, the stress point), or {@code many-topics}
   * ({@link #manyTopics()}).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static HumanoidProfile named(String name) {
    if (MANY_TOPICS.equals(name)) {
      return manyTopics();
    }
    Matcher m = NAMED.matcher(Objects.requireNonNull(name, "name"));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "profile : "
              + name
              + " (expected: humanoid-1, humanoid-1xK, e.g. humanoid-1x10, or many-topics)");
    }
    HumanoidProfile base = humanoid1();
    return m.group(1) == null ? base : base.scaled(Double.parseDouble(m.group(1)));
  }

  /** This profile with every rate multiplied by {@code factor}, named {@code <name>x<factor>}. */
  public HumanoidProfile scaled(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor : " + factor + " (expected: finite and > 0)");
    }
    List<TopicLoad> scaled = new ArrayList<>(topics.size());
    for (TopicLoad load : topics) {
      scaled.add(load.withRate(load.rateHz() * factor));
    }
    String suffix =
        factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
    return new HumanoidProfile(name + "x" + suffix, scaled, noise);
  }

  /** The entry for {@code topic}, if this profile has one. */
  public Optional<TopicLoad> find(String topic) {
    return topics.stream().filter(load -> load.topic().equals(topic)).findFirst();
  }

  /** The topic names, in profile order. */
  public List<String> topicNames() {
    return topics.stream().map(TopicLoad::topic).toList();
  }

  /** Messages per second summed over all topics. */
  public double messagesPerSecond() {
    return topics.stream().mapToDouble(TopicLoad::rateHz).sum();
  }

  /** Expected bytes per second summed over all topics. */
  public double bytesPerSecond() {
    return topics.stream().mapToDouble(load -> load.rateHz() * load.expectedSizeBytes()).sum();
  }

  private static TopicLoad load(
      String topic, RosTypeName type, double rateHz, TrafficClass trafficClass, int sizeBytes) {
    return new TopicLoad(topic, type, rateHz, trafficClass, sizeBytes);
  }

  /**
   * One topic of a profile.
   *
   * @param topic absolute ROS 2 topic name
   * @param type ROS 2 type; one {@link HumanoidMessages#supports} accepts
   * @param rateHz publish rate, > 0
   * @param trafficClass what the topic carries
   * @param expectedSizeBytes approximate serialized sample size (ROS 2 CDR), > 0
   */
  public record TopicLoad(
      String topic,
      RosTypeName type,
      double rateHz,
      TrafficClass trafficClass,
      int expectedSizeBytes) {

    public TopicLoad {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(trafficClass, "trafficClass");
      if (!topic.startsWith("/")) {
        throw new IllegalArgumentException("topic : " + topic + " (expected: absolute name)");
      }
      if (!HumanoidMessages.supports(type)) {
        throw new IllegalArgumentException(
            "type : " + type + " (expected: a type HumanoidMessages can encode)");
      }
      if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
        throw new IllegalArgumentException("rateHz : " + rateHz + " (expected: finite and > 0)");
      }
      if (expectedSizeBytes < 1) {
        throw new IllegalArgumentException(
            "expectedSizeBytes : " + expectedSizeBytes + " (expected: >= 1)");
      }
    }

    /** This topic at another rate. */
    public TopicLoad withRate(double newRateHz) {
      return new TopicLoad(topic, type, newRateHz, trafficClass, expectedSizeBytes);
    }

    /** Reliable keep-last for control topics; best-effort keep-last for everything else. */
    public Qos qos() {
      return trafficClass == TrafficClass.CONTROL ? Qos.controlDefault() : Qos.telemetryDefault();
    }

    /**
     * Largest sample a publisher or subscriber of this topic should accept: four times the expected
     * size rounded up to a power of two, at least 4 KiB (256 KiB for the cameras).
     */
    public int maxSampleBytes() {
      int wanted = Math.max(MIN_MAX_SAMPLE_BYTES, expectedSizeBytes * 4);
      return Integer.highestOneBit(wanted - 1) << 1;
    }

    /** The publication (or subscription) spec for this topic. */
    public SubscriptionSpec spec() {
      return new SubscriptionSpec(topic, type, qos(), maxSampleBytes());
    }
  }
}
