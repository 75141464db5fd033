package io.edgegateway.uplink;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every log line (message and stack trace) while open, with the Kafka client and SASL loggers at
 * INFO so their config dumps and login lines are seen too.
 */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private static final List<String> VERBOSE =
      List.of("org.apache.kafka.clients", "org.apache.kafka.common.security");

  private final List<String> lines = new ArrayList<>();
  private final Map<String, Level> before = new java.util.HashMap<>();
  private final Logger root;

  CapturedLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    setContext(context);
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (String name : VERBOSE) {
      Logger logger = context.getLogger(name);
      before.put(name, logger.getLevel());
      logger.setLevel(Level.INFO);
    }
    start();
    root.addAppender(this);
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    String line =
        event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
    if (event.getThrowableProxy() != null) {
      line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }
    lines.add(line);
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Lines of {@code level} or above from loggers starting with {@code prefix}. */
  synchronized List<String> lines(Level level, String prefix) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String[] parts = line.split(" ", 3);
      if (Level.toLevel(parts[0]).isGreaterOrEqual(level) && parts[1].startsWith(prefix)) {
        out.add(line);
      }
    }
    return out;
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    before.forEach((name, level) -> context.getLogger(name).setLevel(level));
  }
}
