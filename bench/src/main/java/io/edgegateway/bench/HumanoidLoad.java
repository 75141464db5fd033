package io.edgegateway.bench;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.testkit.cdr.HumanoidMessages;
import io.edgegateway.testkit.cdr.SensorNoise;
import io.edgegateway.testkit.sim.HumanoidProfile;
import io.edgegateway.testkit.sim.HumanoidProfile.TopicLoad;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Simulated humanoid-1 samples generated in-process, in receive order, for benchmarks and reports.
 */
public final class HumanoidLoad {
  /** Wall-clock origin of generated samples, ns since the Unix epoch. */
  public static final long ORIGIN_NS = 1_700_000_000_000_000_000L;

  private HumanoidLoad() {}

  /**
   * The samples humanoid-1 publishes in {@code seconds} on topics of the given traffic classes.
   *
   * @param seconds simulated duration, > 0
   * @param classes traffic classes to include, e.g. {@code TELEMETRY}
   */
  public static List<Envelope> generate(double seconds, Set<TrafficClass> classes) {
    return generate(seconds, classes, SensorNoise.NONE);
  }

  /**
   * The samples humanoid-1 publishes in {@code seconds} on topics of the given traffic classes,
   * with {@code noise} on its sensor topics.
   */
  public static List<Envelope> generate(
      double seconds, Set<TrafficClass> classes, SensorNoise noise) {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("seconds : " + seconds + " (expected: > 0)");
    }
    List<Envelope> out = new ArrayList<>();
    HumanoidProfile profile = HumanoidProfile.humanoid1().withNoise(noise);
    for (TopicLoad load : profile.topics()) {
      if (!classes.contains(load.trafficClass())) {
        continue;
      }
      HumanoidMessages.SampleEncoder encoder = profile.encoder(load);
      long periodNs = Math.round(1e9 / load.rateHz());
      long count = (long) Math.floor(seconds * load.rateHz());
      for (long seq = 1; seq <= count; seq++) {
        long stamp = ORIGIN_NS + (seq - 1) * periodNs;
        out.add(
            new Envelope(
                load.topic(),
                load.type().toString(),
                stamp,
                stamp + 150_000L,
                seq,
                encoder.encode(load.topic(), seq, stamp)));
      }
    }
    out.sort(Comparator.comparingLong(Envelope::receiveStampNs));
    return out;
  }

  /** The telemetry-class samples of {@code seconds}, with {@code noise}. */
  public static List<Envelope> telemetry(double seconds, SensorNoise noise) {
    return generate(seconds, Set.of(TrafficClass.TELEMETRY), noise);
  }

  /** The telemetry-class samples (joint states, IMUs, force/torque) of {@code seconds}. */
  public static List<Envelope> telemetry(double seconds) {
    return generate(seconds, Set.of(TrafficClass.TELEMETRY));
  }
}
