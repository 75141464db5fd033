package io.edgegateway.daemon.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Routes one HTTP request to the matching endpoint; writes ({@code POST}) pass the {@link
 * WriteGate}.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final String JSON_TYPE = "application/json";
  private static final long WRITE_TIMEOUT_SECONDS = 60;
  private final HttpEndpoints endpoints;
  private final WriteGate writes;

  RequestHandler(HttpEndpoints endpoints, WriteGate writes) {
    this.endpoints = endpoints;
    this.writes = writes;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    String path = new QueryStringDecoder(req.uri()).path();
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (HttpMethod.POST.equals(req.method())) {
      post(ctx, path, req.content().toString(StandardCharsets.UTF_8), keepAlive);
      return;
    }
    FullHttpResponse res;
    if (!HttpMethod.GET.equals(req.method()) && !HttpMethod.HEAD.equals(req.method())) {
      res = text(HttpResponseStatus.METHOD_NOT_ALLOWED, JSON_TYPE, "{\"error\":\"use GET\"}\n");
    } else {
      res = route(path);
    }
    send(ctx, res, keepAlive);
  }

  /** Writes: the gate first; the reply is sent when the endpoint completes (any thread). */
  private void post(ChannelHandlerContext ctx, String path, String body, boolean keepAlive) {
    if (!"/v1/reload".equals(path) && !"/v1/captures".equals(path)) {
      send(ctx, json(404, "{\"error\":\"not found\"}\n"), keepAlive);
      return;
    }
    String refusal = writes.refusal();
    if (refusal != null) {
      send(ctx, json(403, "{\"error\":" + WriteGate.quote(refusal) + "}\n"), keepAlive);
      return;
    }
    ("/v1/reload".equals(path) ? endpoints.reload() : endpoints.capture(body))
        .copy() // the timeout must not complete a future other requests share
        .orTimeout(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .whenComplete(
            (reply, failure) ->
                send(
                    ctx,
                    failure == null
                        ? json(reply.status(), reply.json())
                        : json(
                            503, "{\"error\":" + WriteGate.quote(String.valueOf(failure)) + "}\n"),
                    keepAlive));
  }

  private static void send(ChannelHandlerContext ctx, FullHttpResponse res, boolean keepAlive) {
    HttpUtil.setKeepAlive(res, keepAlive);
    var future = ctx.writeAndFlush(res);
    if (!keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static FullHttpResponse json(int status, String body) {
    return text(HttpResponseStatus.valueOf(status), JSON_TYPE, body);
  }

  private FullHttpResponse route(String path) {
    switch (path) {
      case "/metrics":
        return text(HttpResponseStatus.OK, PROMETHEUS_TYPE, endpoints.metrics());
      case "/healthz":
        return text(HttpResponseStatus.OK, JSON_TYPE, "{\"status\":\"ok\"}\n");
      case "/readyz":
        String reason = endpoints.notReadyReason();
        return reason == null
            ? text(HttpResponseStatus.OK, JSON_TYPE, "{\"status\":\"ready\"}\n")
            : text(
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                JSON_TYPE,
                "{\"status\":\"not_ready\",\"reason\":\"" + reason + "\"}\n");
      case "/v1/status":
        return text(HttpResponseStatus.OK, JSON_TYPE, endpoints.statusJson());
      default:
        if (path.equals("/v1/captures") || path.startsWith("/v1/captures/")) {
          HttpEndpoints.Reply reply = endpoints.captures(path);
          return json(reply.status(), reply.json());
        }
        return text(HttpResponseStatus.NOT_FOUND, JSON_TYPE, "{\"error\":\"not found\"}\n");
    }
  }

  private static FullHttpResponse text(HttpResponseStatus status, String type, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse res =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return res;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
