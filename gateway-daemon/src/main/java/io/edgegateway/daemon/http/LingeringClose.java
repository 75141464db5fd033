package io.edgegateway.daemon.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection after its last response without losing that response: closing a socket whose
 * peer is still sending (an oversized or malformed request's rest) makes the kernel reset the
 * connection, and the peer may never read the answer. So the output is shut down first (the peer
 * reads the response, then end of stream), what still arrives is discarded, and the channel is
 * closed when the peer closes its side or after {@link #LINGER_MILLIS} at the latest.
 */
final class LingeringClose implements ChannelFutureListener {
  static final LingeringClose INSTANCE = new LingeringClose();

  /** Longest a connection stays half-closed. */
  static final long LINGER_MILLIS = 2000;

  private LingeringClose() {}

  @Override
  public void operationComplete(ChannelFuture written) {
    Channel ch = written.channel();
    if (!written.isSuccess() || !(ch instanceof DuplexChannel duplex)) {
      ch.close();
      return;
    }
    duplex
        .shutdownOutput()
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    ch.close();
                  }
                });
    ch.eventLoop().schedule(() -> ch.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
  }
}
