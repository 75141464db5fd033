package io.edgegateway.daemon.cli;

import io.edgegateway.core.port.Clock;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.cdr.SensorNoise;
import io.edgegateway.testkit.sim.HumanoidProfile;
import io.edgegateway.testkit.sim.HumanoidSimulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simulate}: publishes the reference humanoid load on the DDS bus. */
@Command(name = "simulate", description = "Publish a reference robot load on the DDS bus.")
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--profile",
      defaultValue = "humanoid-1",
      description = "humanoid-1, humanoid-1xK or many-topics")
  String profile;

  @Option(names = "--domain", defaultValue = "0", description = "DDS domain id")
  int domain;

  @Option(names = "--rate-scale", defaultValue = "1", description = "Multiply every rate by this")
  double rateScale;

  @Option(
      names = "--noise",
      defaultValue = "none",
      description =
          "Sensor noise on joint states, IMUs and force/torque: none or typical (IMU noise density"
              + " and bias walk, 14-bit encoders, F/T noise)")
  String noise;

  @Option(names = "--duration", description = "Stop after this long (e.g. 60s); default: Ctrl-C")
  @Nullable String duration;

  @Override
  public Integer call() throws InterruptedException {
    HumanoidProfile p;
    try {
      p = HumanoidProfile.named(profile);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("--profile: " + e.getMessage());
      return EdgeGatewayCli.EXIT_USAGE;
    }
    try {
      p = p.withNoise(SensorNoise.named(noise));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("--noise: " + e.getMessage());
      return EdgeGatewayCli.EXIT_USAGE;
    }
    if (!(rateScale > 0)) {
      spec.commandLine().getErr().println("--rate-scale: " + rateScale + " (expected: > 0)");
      return EdgeGatewayCli.EXIT_USAGE;
    }
    Duration limit = duration == null ? null : CliDurations.parse(spec, "--duration", duration);
    PrintWriter out = spec.commandLine().getOut();
    try (StopSignal stop = StopSignal.install("eg-simulate-stop", Duration.ofSeconds(5), null);
        FastDdsBus bus = FastDdsBus.join(domain, "humanoid_sim");
        HumanoidSimulator sim = new HumanoidSimulator(bus, p, rateScale, Clock.system())) {
      sim.start();
      out.printf(
          "simulate: %s x%.1f on domain %d: %d topics, %.0f msgs/s%n",
          p.name(), rateScale, domain, p.topics().size(), p.messagesPerSecond() * rateScale);
      long start = System.nanoTime();
      long last = 0;
      while (!stop.await(Duration.ofSeconds(1))) {
        long total = sim.totalPublished();
        long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        out.printf(
            "t=%ds published=%d (%d/s) failures=%d%n",
            elapsed, total, total - last, sim.totalFailures());
        out.flush();
        last = total;
        if (limit != null && System.nanoTime() - start >= limit.toNanos()) {
          break;
        }
      }
    }
    return 0;
  }
}
