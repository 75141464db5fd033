package io.edgegateway.testkit.dds;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * DDS domain ids and topic names that keep concurrent test runs apart. DDS discovery reaches every
 * participant of a domain on the machine, so two builds using the same domain and topic would see
 * each other's samples.
 *
 * <p>Scheme: each {@code (test class, index)} leases one of the ids {@value #FIRST}..232 for the
 * JVM's lifetime ({@link DomainIdLeases}, lock files in {@code
 * ${java.io.tmpdir}/edge-gateway-dds-domains}), so JVMs running at the same time never share a
 * domain and a JVM keeps returning the same id for the same class and index. 232 is the largest id
 * whose RTPS ports fit Fast-DDS's default port mapping; ids below 100 are left to the fixed ones of
 * configs, demo and benches (0, 1, 42, 71..73, 77, 83). Every test also keeps using topic names
 * with a random suffix ({@link #uniqueTopic}), a second fence against processes that join a domain
 * without leasing it (a bench or demo started by hand with {@code --domain}).
 */
public final class DdsDomains {
  /** Lowest domain id handed out. */
  public static final int FIRST = 100;

  /** Number of domain ids handed out: {@value #FIRST}..232. */
  public static final int COUNT = 133;

  private static final DomainIdLeases LEASES =
      new DomainIdLeases(
          Path.of(System.getProperty("java.io.tmpdir"), "edge-gateway-dds-domains"),
          FIRST,
          FIRST + COUNT - 1);

  private DdsDomains() {}

  /**
   * The domain for {@code testClass}; {@code index} picks another one for the same class.
   *
   * @throws IllegalStateException if running JVMs hold all {@value #COUNT} ids
   */
  public static int forTest(Class<?> testClass, int index) {
    return LEASES.lease(testClass.getName() + "#" + index);
  }

  /** An absolute ROS 2 topic name {@code /<base>_<random>} unique to this call. */
  public static String uniqueTopic(String base) {
    long random = ThreadLocalRandom.current().nextLong() & 0xffff_ffffL;
    return "/" + base + "_" + Long.toString(random, 36);
  }
}
