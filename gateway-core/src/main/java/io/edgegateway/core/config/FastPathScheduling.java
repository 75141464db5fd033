package io.edgegateway.core.config;

/**
 * How the daemon raises the Linux scheduling priority of the control fast path's DDS threads (the
 * receive threads that run the relay) above telemetry. Both raised settings need root or {@code
 * CAP_SYS_NICE}; without it the daemon logs one WARN line and the threads keep the process's
 * priority.
 */
public enum FastPathScheduling {
  /**
   * Real-time {@code SCHED_FIFO} at priority {@link #FIFO_PRIORITY}: a relay thread that becomes
   * runnable preempts every normal thread at once (telemetry, the JVM's GC and JIT threads, other
   * processes), and yields to real-time threads above it, such as a robot's control loops
   * (ros2_control uses 50). Falls back to {@link #NICE} where real-time scheduling is not
   * permitted.
   */
  FIFO,
  /** {@code SCHED_OTHER} at nice {@link #NICE_VALUE}: a larger CPU share, no preemption. */
  NICE,
  /** Left at the process's priority. */
  NONE;

  /** The {@code SCHED_FIFO} priority of {@link #FIFO}. */
  public static final int FIFO_PRIORITY = 10;

  /** The nice value of {@link #NICE}, and of {@link #FIFO}'s fallback. */
  public static final int NICE_VALUE = -10;
}
