package io.edgegateway.core.budget;

import java.time.Duration;

/**
 * The class of a stream under the bandwidth budget, in the order the link is shared: {@link
 * #INCIDENTS} first, then {@link #LIVE} streams by priority, then the {@link #BACKLOG}. The tag of
 * {@code gateway_uplink_budget_waiting_bytes{class}} (three values: bounded).
 */
public enum UplinkClass {
  /** The stream named {@value #INCIDENTS_STREAM}: first always, never backlog. */
  INCIDENTS("incidents"),
  /** A stream whose oldest waiting batch is fresh (sealed at most {@code backlog_after} ago). */
  LIVE("live"),
  /** A stream whose oldest waiting batch is older than {@code backlog_after}. */
  BACKLOG("backlog");

  /** The stream of incident uploads ({@code uplink.streams.incidents}). */
  public static final String INCIDENTS_STREAM = "incidents";

  private final String tag;

  UplinkClass(String tag) {
    this.tag = tag;
  }

  /** The metric tag and {@code /v1/status} name. */
  public String tag() {
    return tag;
  }

  /**
   * The class of {@code stream} whose oldest waiting batch was sealed at {@code headSealedAtMillis}
   * (wall ms), at {@code nowMillis}.
   */
  public static UplinkClass of(
      String stream, long headSealedAtMillis, long nowMillis, Duration backlogAfter) {
    if (INCIDENTS_STREAM.equals(stream)) {
      return INCIDENTS;
    }
    return nowMillis - headSealedAtMillis > backlogAfter.toMillis() ? BACKLOG : LIVE;
  }
}
