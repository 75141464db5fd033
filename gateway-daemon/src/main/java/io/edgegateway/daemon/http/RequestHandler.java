package io.edgegateway.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.daemon.http.AccessGate.Refusal;
import io.edgegateway.daemon.http.Route.Access;
import io.edgegateway.daemon.http.Route.Response;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one HTTP request, in this order: a malformed request 400 (414, 431 for a too-long line or
 * headers) and the connection closed; an unknown path 404, a known path with another method 405;
 * the {@link AccessGate} (401, 403); a write's body, when present, must be a JSON object (400 with
 * the parser's message); then the route's handler. Every request gets a response: a handler that
 * throws or fails is answered 500.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
  private static final int MAX_MESSAGE_CHARS = 200;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Routes routes;
  private final AccessGate gate;
  private final AuthFailures failures;

  RequestHandler(Routes routes, AccessGate gate, AuthFailures failures) {
    this.routes = routes;
    this.gate = gate;
    this.failures = failures;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (!req.decoderResult().isSuccess()) {
      Throwable cause = req.decoderResult().cause();
      int status =
          cause instanceof TooLongHttpLineException
              ? 414
              : cause instanceof TooLongHttpHeaderException ? 431 : 400;
      send(ctx, Response.error(status, "malformed HTTP request"), false, h -> {});
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    try {
      answer(ctx, req, keepAlive);
    } catch (RuntimeException e) {
      log.warn("http {} {} failed: {}", req.method(), safePath(req), e.toString());
      send(ctx, Response.error(500, "internal error"), false, h -> {});
    }
  }

  private void answer(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive) {
    String path;
    try {
      path = new QueryStringDecoder(req.uri()).path();
    } catch (IllegalArgumentException e) {
      send(ctx, Response.error(400, "malformed request path"), keepAlive, h -> {});
      return;
    }
    Optional<Route> found = routes.find(req.method(), path);
    if (found.isEmpty()) {
      List<String> allowed = routes.methods(path);
      if (allowed.isEmpty()) {
        send(ctx, Response.error(404, "not found"), keepAlive, h -> {});
      } else {
        String allow = String.join(", ", allowed);
        send(
            ctx,
            Response.error(405, "method " + req.method() + " not allowed; use " + allow),
            keepAlive,
            h -> h.headers().set(HttpHeaderNames.ALLOW, allow));
      }
      return;
    }
    Route route = found.get();
    Refusal refusal = gate.check(route.access(), req.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (refusal != null) {
      refuse(ctx, req, route, refusal, keepAlive);
      return;
    }
    JsonNode body = null;
    if (route.access() == Access.WRITE && req.content().isReadable()) {
      try {
        body = JSON.readTree(ByteBufUtil.getBytes(req.content()));
      } catch (JsonProcessingException e) {
        send(ctx, Response.error(400, "malformed JSON body: " + brief(e)), keepAlive, h -> {});
        return;
      } catch (java.io.IOException e) {
        send(
            ctx,
            Response.error(400, "unreadable body: " + e.getClass().getSimpleName()),
            keepAlive,
            h -> {});
        return;
      }
      if (!body.isObject()) {
        send(ctx, Response.error(400, "expected a JSON object body"), keepAlive, h -> {});
        return;
      }
    }
    route
        .handler()
        .apply(new Route.Request(path, body))
        .whenComplete(
            (res, failure) -> {
              if (failure != null) {
                log.warn("http {} {} failed: {}", route.method(), route.path(), failure.toString());
              }
              send(
                  ctx,
                  failure == null ? res : Response.error(500, "internal error"),
                  keepAlive,
                  h -> {});
            });
  }

  private void refuse(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      Route route,
      Refusal refusal,
      boolean keepAlive) {
    String challenge = refusal.challenge();
    if (challenge != null) {
      failures.failed(
          new AuthFailureListener.Failure(
              req.method().name(),
              route.path(),
              refusal.reason(),
              String.valueOf(ctx.channel().remoteAddress()),
              System.currentTimeMillis()));
    }
    send(
        ctx,
        Response.error(refusal.status(), refusal.message()),
        keepAlive,
        h -> {
          if (challenge != null) {
            h.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
          }
        });
  }

  /** Sends {@code res}; safe from any thread. */
  private static void send(
      ChannelHandlerContext ctx, Response res, boolean keepAlive, Consumer<FullHttpResponse> more) {
    byte[] bytes = res.body().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse out =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(res.status()),
            Unpooled.wrappedBuffer(bytes));
    out.headers().set(HttpHeaderNames.CONTENT_TYPE, res.contentType());
    out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    more.accept(out);
    HttpUtil.setKeepAlive(out, keepAlive);
    var future = ctx.writeAndFlush(out);
    future.addListener(
        keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : LingeringClose.INSTANCE);
  }

  /** The parser's message without the source excerpt, cut to a readable length. */
  private static String brief(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    var at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String text = message + where;
    return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
  }

  private static String safePath(FullHttpRequest req) {
    String uri = req.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    return path.length() <= MAX_MESSAGE_CHARS ? path : path.substring(0, MAX_MESSAGE_CHARS);
  }

  /** Discards what arrives after a request that ends the connection (its output is shut down). */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (ctx.channel() instanceof DuplexChannel duplex && duplex.isOutputShutdown()) {
      ReferenceCountUtil.release(msg);
      return;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("http connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
