package io.edgegateway.testkit.dds;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * DDS domain ids and topic names that keep concurrent test runs apart. DDS discovery reaches every
 * participant of a domain on the machine, so two builds using the same domain and topic would see
 * each other's samples.
 *
 * <p>Scheme: a test class gets domain {@code 100 + floorMod(31 * hash(class name, JVM pid) + index,
 * 100)}, i.e. one of 100..199, stable within a JVM and usually different between JVMs running at
 * the same time. Because two JVMs can still land on the same id, every test also uses topic names
 * with a random suffix ({@link #uniqueTopic}), so a collision costs only discovery traffic, never
 * foreign samples.
 */
public final class DdsDomains {
  /** Lowest domain id handed out. */
  public static final int FIRST = 100;

  /** Number of domain ids handed out. */
  public static final int COUNT = 100;

  private DdsDomains() {}

  /** The domain for {@code testClass}; {@code index} picks another one for the same class. */
  public static int forTest(Class<?> testClass, int index) {
    int seed = Objects.hash(testClass.getName(), ProcessHandle.current().pid());
    return FIRST + Math.floorMod(31 * seed + index, COUNT);
  }

  /** An absolute ROS 2 topic name {@code /<base>_<random>} unique to this call. */
  public static String uniqueTopic(String base) {
    long random = ThreadLocalRandom.current().nextLong() & 0xffff_ffffL;
    return "/" + base + "_" + Long.toString(random, 36);
  }
}
