package io.edgegateway.ros2;

import com.eprosima.xmlschemas.fastrtps_profiles.TopicElementType;
import java.io.IOException;
import us.ihmc.pubsub.attributes.SubscriberAttributes;

/**
 * Subscriber attributes whose reader history never accepts a sample larger than the type size:
 * {@code PREALLOCATED} history memory instead of Fast-DDS's default {@code
 * PREALLOCATED_WITH_REALLOC}.
 *
 * <p>Why: ihmc-pub-sub's native raw type ({@code RawTopicDataType::deserialize}) copies the whole
 * received payload into the subscriber's Java buffer ({@code typeSize + 3} bytes) without an
 * effective length check. With a reallocating history Fast-DDS accepts larger samples, and the copy
 * overruns the buffer; this crashed the JVM (SIGSEGV in {@code MessageReceiver}) after a 324-byte
 * sample reached a 64-byte subscription. With preallocated payloads of the type size, Fast-DDS
 * rejects such samples before they reach the type.
 *
 * <p>{@link SubscriberAttributes} offers no setter for the memory policy, so {@link
 * #marshall(String)} adds the element to the profile XML that ihmc hands to Fast-DDS. The number of
 * preallocated samples follows the history depth, so large types cost {@code depth * typeSize} up
 * front.
 */
final class BoundedReaderAttributes extends SubscriberAttributes {
  static final String MEMORY_POLICY = "<historyMemoryPolicy>PREALLOCATED</historyMemoryPolicy>";
  private static final String END_OF_READER = "</data_reader>";

  BoundedReaderAttributes(int allocatedSamples) {
    if (allocatedSamples < 1) {
      throw new IllegalArgumentException(
          "allocatedSamples : " + allocatedSamples + " (expected: >= 1)");
    }
    TopicElementType.ResourceLimitsQos limits = new TopicElementType.ResourceLimitsQos();
    limits.setAllocatedSamples((long) allocatedSamples);
    topicElementType.setResourceLimitsQos(limits);
  }

  @Override
  public String marshall(String profileName) throws IOException {
    String xml = super.marshall(profileName);
    int end = xml.lastIndexOf(END_OF_READER);
    if (end < 0) {
      throw new IOException("no " + END_OF_READER + " in subscriber profile: " + xml);
    }
    return xml.substring(0, end) + MEMORY_POLICY + xml.substring(end);
  }
}
