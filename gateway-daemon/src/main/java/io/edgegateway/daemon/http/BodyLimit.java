package io.edgegateway.daemon.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Aggregates a request's body up to {@link HttpServer#MAX_BODY_BYTES} and answers a larger one with
 * 413 and a JSON reason. A request whose Content-Length is too large is refused before its body is
 * read; the body is then discarded and a keep-alive connection stays usable (also when a chunked
 * body grows too large: the chunks still frame it). A request that asked to close gets the 413 and
 * a {@link LingeringClose}.
 */
final class BodyLimit extends HttpObjectAggregator {
  BodyLimit() {
    super(HttpServer.MAX_BODY_BYTES);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    if (!(oversized instanceof HttpRequest)) {
      super.handleOversizedMessage(ctx, oversized);
      return;
    }
    boolean close = !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
    byte[] body =
        ("{\"error\":\"request body larger than " + HttpServer.MAX_BODY_BYTES + " bytes\"}\n")
            .getBytes(StandardCharsets.UTF_8);
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            Unpooled.wrappedBuffer(body));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, Route.Response.JSON);
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (close) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    ctx.writeAndFlush(res)
        .addListener(close ? LingeringClose.INSTANCE : ChannelFutureListener.CLOSE_ON_FAILURE);
  }
}
