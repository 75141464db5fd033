package io.edgegateway.bench.e2e;

import java.nio.file.Path;

/**
 * Where and how {@link E2eBench} runs: the command-line options of {@code bench/e2e.sh}.
 *
 * @param scenario the load ({@code --scenario})
 * @param seconds how long the simulator publishes ({@code --seconds}, default 60, at least 3)
 * @param warmup seconds of publishing before the CPU window opens ({@code --warmup}, default a
 *     third of the healthy two thirds of {@code seconds}, at most 10): the daemon's and the raw
 *     subscriber's JIT warm-up and first allocations stay out of the steady-state figures
 * @param home the repository root ({@code --home}, default the working directory)
 * @param out the results directory ({@code --out}, default {@code bench/target/e2e} under home)
 * @param launcher whether the daemon runs through {@code bin/edge-gateway} ({@code --daemon
 *     launcher}, the default) or from this JVM's class path ({@code --daemon classpath})
 * @param domain the DDS domain of the run ({@code --domain}, default {@code EG_BENCH_DOMAIN} or
 *     73); the ceilings use the next two
 * @param capture whether the daemon keeps the full-rate capture ring of every published topic
 *     ({@code --capture on}; default {@code off}), for the capture-on/off CPU ratio of {@code
 *     bench/capture.sh}
 */
record E2eOptions(
    Scenario scenario,
    double seconds,
    double warmup,
    Path home,
    Path out,
    boolean launcher,
    int domain,
    boolean capture) {
  /** Parses {@code --name value} pairs; see the record description. */
  static E2eOptions parse(String... args) {
    Scenario scenario = null;
    double seconds = 60;
    double warmup = -1;
    Path home = Path.of(".").toAbsolutePath().normalize();
    Path out = null;
    boolean launcher = true;
    String envDomain = System.getenv("EG_BENCH_DOMAIN");
    int domain = envDomain == null || envDomain.isBlank() ? 73 : Integer.parseInt(envDomain.trim());
    boolean capture = false;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " : missing value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--scenario" -> scenario = Scenario.named(v);
        case "--seconds" -> seconds = Double.parseDouble(v);
        case "--warmup" -> warmup = Double.parseDouble(v);
        case "--home" -> home = Path.of(v).toAbsolutePath().normalize();
        case "--out" -> out = Path.of(v).toAbsolutePath();
        case "--daemon" -> launcher = !"classpath".equals(v);
        case "--domain" -> domain = Integer.parseInt(v);
        case "--capture" -> capture = onOff("--capture", v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (scenario == null) {
      throw new IllegalArgumentException("--scenario : missing (expected: " + Scenario.NAMES + ")");
    }
    if (!(seconds >= 3)) {
      throw new IllegalArgumentException("--seconds : " + seconds + " (expected: >= 3)");
    }
    double healthy = seconds * 2 / 3;
    if (warmup < 0) {
      warmup = Math.min(10, healthy / 3);
    } else if (!(warmup < healthy - 1)) {
      throw new IllegalArgumentException(
          "--warmup : "
              + warmup
              + " (expected: less than "
              + (healthy - 1)
              + " for these seconds)");
    }
    if (domain < 0 || domain > 229) {
      throw new IllegalArgumentException("--domain : " + domain + " (expected: 0..229)");
    }
    return new E2eOptions(
        scenario,
        seconds,
        warmup,
        home,
        out == null ? home.resolve("bench/target/e2e") : out,
        launcher,
        domain,
        capture);
  }

  private static boolean onOff(String option, String v) {
    return switch (v) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(option + " : " + v + " (expected: on or off)");
    };
  }
}
