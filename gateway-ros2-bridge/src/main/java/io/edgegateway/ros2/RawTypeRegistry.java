package io.edgegateway.ros2;

import io.edgegateway.core.port.SubscriptionSpec;
import java.util.HashMap;
import java.util.Map;
import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.participant.Participant;

/**
 * The raw CDR types registered on one participant, one per DDS type name, each sized by the first
 * spec that used it.
 *
 * <p>Not thread-safe: the owning {@link FastDdsBus} calls it under its lock.
 */
final class RawTypeRegistry {
  private final Domain domain;
  private final Participant participant;
  private final Map<String, RawCdrDataType> types = new HashMap<>();

  RawTypeRegistry(Domain domain, Participant participant) {
    this.domain = domain;
    this.participant = participant;
  }

  /**
   * The registered type for the spec's DDS type name, registering it on first use. ihmc-pub-sub
   * cannot unregister a type (its {@code unregisterType} leaves the registration in place), so the
   * first registration's size holds for the participant's lifetime.
   *
   * @throws IllegalArgumentException if the spec asks for more bytes than the registered size
   */
  RawCdrDataType typeFor(SubscriptionSpec spec) {
    String name = spec.type().ddsName();
    RawCdrDataType existing = types.get(name);
    if (existing == null) {
      RawCdrDataType type = new RawCdrDataType(name, spec.maxSampleBytes());
      domain.registerType(participant, type);
      types.put(name, type);
      return type;
    }
    if (existing.getTypeSize() < spec.maxSampleBytes()) {
      throw new IllegalArgumentException(
          "maxSampleBytes : "
              + spec.maxSampleBytes()
              + " for "
              + spec.type()
              + " (expected: <= "
              + existing.getTypeSize()
              + ", the size fixed when the type was first used on this bus)");
    }
    return existing;
  }
}
