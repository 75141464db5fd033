package io.edgegateway.core.ledger;

/**
 * The intake side of one ledger line: what the bus thread counted before the batcher.
 *
 * @param received samples received; equal to the last per-topic {@code seq} assigned
 * @param sampledOut samples the topic's sampling policy dropped
 * @param intakeDropped samples dropped because the intake was full
 */
public record IntakeCounts(long received, long sampledOut, long intakeDropped) {

  /** Nothing counted. */
  public static final IntakeCounts ZERO = new IntakeCounts(0, 0, 0);

  public IntakeCounts {
    if (received < 0 || sampledOut < 0 || intakeDropped < 0) {
      throw new IllegalArgumentException(
          "counts : "
              + received
              + "/"
              + sampledOut
              + "/"
              + intakeDropped
              + " (expected: all >= 0)");
    }
  }

  /** The field-wise maximum of this and {@code other} (each counter only grows). */
  public IntakeCounts max(IntakeCounts other) {
    return new IntakeCounts(
        Math.max(received, other.received),
        Math.max(sampledOut, other.sampledOut),
        Math.max(intakeDropped, other.intakeDropped));
  }
}
