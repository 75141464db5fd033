package io.edgegateway.daemon.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator HTTP endpoint (Netty): the probes {@code /metrics}, {@code /healthz}, {@code
 * /readyz}, the read {@code /v1/status} and the write {@code POST /v1/reload} ({@link Routes}),
 * every request through one {@link AccessGate} ({@code http.auth} bearer token, else loopback-only
 * writes); bodies over 64 KiB get 413 ({@link BodyLimit}). One event-loop thread; handlers only
 * read cached state, never block: a write's reply is sent when the work it asked for completes on
 * another thread.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  /** Largest request body; a larger one is answered 413 by the aggregator. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final EventLoopGroup group;
  private final Channel channel;

  private HttpServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /**
   * Binds and starts serving.
   *
   * @param port 0 picks a free port; see {@link #port()}
   * @throws IllegalStateException if the address cannot be bound (e.g. port in use)
   */
  public static HttpServer start(String host, int port, HttpEndpoints endpoints) {
    return start(host, port, endpoints, HttpAccess.withoutAuth());
  }

  /**
   * Binds and starts serving, with {@code access} deciding who may call what.
   *
   * @param port 0 picks a free port; see {@link #port()}
   * @throws IllegalStateException if the address cannot be bound (e.g. port in use)
   */
  public static HttpServer start(
      String host, int port, HttpEndpoints endpoints, HttpAccess access) {
    Objects.requireNonNull(endpoints, "endpoints");
    return start(host, port, Routes.of(endpoints), access);
  }

  /** Binds and serves {@code routes}; every one of them behind the {@link AccessGate}. */
  static HttpServer start(String host, int port, Routes routes, HttpAccess access) {
    Objects.requireNonNull(routes, "routes");
    Objects.requireNonNull(access, "access");
    AccessGate gate = new AccessGate(WriteGate.forBind(host), access.auth());
    AuthFailures failures = new AuthFailures(access.registry(), access.listener());
    failures.register(routes.all());
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("eg-http", true), NioIoHandler.newFactory());
    try {
      Channel ch =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                      c.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new BodyLimit())
                          .addLast(new RequestHandler(routes, gate, failures));
                    }
                  })
              .bind(host, port)
              .syncUninterruptibly()
              .channel();
      HttpServer server = new HttpServer(group, ch);
      log.info("http listening on {}:{}", host, server.port());
      return server;
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "cannot listen on " + host + ":" + port + " (http.bind): " + e.getMessage(), e);
    }
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
