package io.edgegateway.core.config;

/** How hard the durable queue works to survive a crash. */
public enum Durability {
  /**
   * WAL with synchronous=NORMAL: survives a process crash; a power loss may lose the last commits.
   */
  PROCESS,
  /** WAL with synchronous=FULL: every commit is fsynced; survives a power loss. */
  POWER
}
