package io.edgegateway.layeringfixture;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.uplink.KafkaUplink;

/** A class outside the daemon that connects two adapters: LayeringTest must reject it. */
public final class TwoAdapterWirer {
  final SqliteDurableQueue queue;
  final KafkaUplink uplink;

  TwoAdapterWirer(SqliteDurableQueue queue, KafkaUplink uplink) {
    this.queue = queue;
    this.uplink = uplink;
  }
}
