package io.edgegateway.core;

import java.util.Objects;

/**
 * One ROS 2 sample as the gateway received it: topic, type, stamps, per-topic sequence and the raw
 * CDR bytes (encapsulation header included).
 *
 * @param topic ROS 2 topic name, e.g. {@code /joint_states}
 * @param type ROS 2 type name, e.g. {@code sensor_msgs/msg/JointState}
 * @param sourceStampNs publisher's source timestamp in ns since the Unix epoch, 0 when unknown
 * @param receiveStampNs gateway receive time in ns since the Unix epoch
 * @param seq per-topic sequence number assigned on receive, starting at 1
 * @param payload the CDR sample; owned by the envelope once constructed
 */
public record Envelope(
    String topic, String type, long sourceStampNs, long receiveStampNs, long seq, byte[] payload) {

  public Envelope {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
  }

  /** Payload size in bytes. */
  public int size() {
    return payload.length;
  }
}
