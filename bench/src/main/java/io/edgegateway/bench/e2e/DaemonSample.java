package io.edgegateway.bench.e2e;

/**
 * One sample of the daemon, {@code t} seconds after it was started: counters and gauges from its
 * metrics, CPU time and RSS from {@code /proc}. {@code scraped} is false for a sample between
 * scrapes, whose metric values repeat the last scraped sample's.
 */
record DaemonSample(
    double t,
    double received,
    double uplinkBytes,
    double queueBatches,
    double lagSeconds,
    double cpuSeconds,
    double rssMib,
    boolean scraped) {}
