/**
 * The Kafka uplink adapter: transactional, exactly-once delivery of sealed batches and their
 * dictionaries, with fencing and sequence recovery from the topic.
 */
@NullMarked
package io.edgegateway.uplink;

import org.jspecify.annotations.NullMarked;
