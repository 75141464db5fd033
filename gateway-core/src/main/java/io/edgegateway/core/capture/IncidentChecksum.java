package io.edgegateway.core.capture;

import io.edgegateway.core.Envelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 checksum of an incident's content, as its manifest carries it ({@value #COVERS}):
 * over every sample in the order of the incident store (receive time, then topic, then seq), the
 * concatenation of
 *
 * <pre>
 *   u32 big-endian  length of the topic name in UTF-8 bytes
 *   bytes           the topic name, UTF-8
 *   i64 big-endian  receive stamp, ns since the epoch   (MCAP log_time)
 *   i64 big-endian  source stamp, ns since the epoch    (MCAP publish_time)
 *   u32 big-endian  length of the payload
 *   bytes           the payload: the CDR sample as received, encapsulation header included
 * </pre>
 *
 * A consumer recomputes it from the incident's batches in {@code batch_seq} order (their records in
 * order) or from an MCAP export in log-time order. Not thread-safe; one per incident.
 */
public final class IncidentChecksum {
  /** The name of what the checksum covers, written into the manifest. */
  public static final String COVERS = "samples-v1";

  private final MessageDigest digest;
  private final ByteBuffer header = ByteBuffer.allocate(8);

  public IncidentChecksum() {
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Adds one sample. */
  public void add(Envelope e) {
    add(e.topic(), e.receiveStampNs(), e.sourceStampNs(), e.payload());
  }

  /** Adds one sample given by its parts. */
  public void add(String topic, long receiveNs, long sourceNs, byte[] payload) {
    byte[] name = topic.getBytes(StandardCharsets.UTF_8);
    putInt(name.length);
    digest.update(name);
    putLong(receiveNs);
    putLong(sourceNs);
    putInt(payload.length);
    digest.update(payload);
  }

  /** The checksum so far, lower-case hex; the digest can go on being fed. */
  public String hex() {
    try {
      MessageDigest copy = (MessageDigest) digest.clone();
      return HexFormat.of().formatHex(copy.digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  private void putInt(int v) {
    header.clear();
    header.putInt(v);
    digest.update(header.array(), 0, 4);
  }

  private void putLong(long v) {
    header.clear();
    header.putLong(v);
    digest.update(header.array(), 0, 8);
  }
}
