package io.edgegateway.testkit.kafka;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads a topic from the beginning to its end with {@code kcat}, the foreign Kafka client
 * (librdkafka), {@code isolation.level=read_committed}: what a consumer that is not ours sees of
 * what the gateway committed.
 */
public final class Kcat {
  private static final long TIMEOUT_SECONDS = 60;

  private Kcat() {}

  /** One record as kcat printed it: its offset, its headers and its value's bytes. */
  public record Record(long offset, Map<String, String> headers, byte[] value) {}

  /** The non-blank lines kcat prints for {@code topic} with the output format {@code format}. */
  public static List<String> lines(String bootstrap, String topic, String format) {
    return new String(consume(bootstrap, topic, format), StandardCharsets.UTF_8)
        .lines()
        .filter(l -> !l.isBlank())
        .toList();
  }

  /** Every committed record of {@code topic}: offset, headers and the value's exact bytes. */
  public static List<Record> records(String bootstrap, String topic) {
    // %R is the value's length as a 32-bit big-endian integer, so values may hold any byte
    byte[] out = consume(bootstrap, topic, "%o\\n%h\\n%R%s");
    List<Record> records = new ArrayList<>();
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(out));
    try {
      for (String offset = line(in); offset != null; offset = line(in)) {
        Map<String, String> headers = new LinkedHashMap<>();
        String headerLine = line(in);
        for (String h : headerLine == null ? new String[0] : headerLine.split(",")) {
          int eq = h.indexOf('=');
          if (eq > 0) {
            headers.put(h.substring(0, eq), h.substring(eq + 1));
          }
        }
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        records.add(new Record(Long.parseLong(offset), headers, value));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("kcat printed a truncated record for " + topic, e);
    }
    return records;
  }

  /** What kcat printed for {@code topic}; fails with its stderr when it does not exit 0 in time. */
  public static byte[] consume(String bootstrap, String topic, String format) {
    try {
      Path err = Files.createTempFile("kcat", ".err");
      try {
        Process p =
            new ProcessBuilder(
                    "kcat",
                    "-C",
                    "-b",
                    bootstrap,
                    "-t",
                    topic,
                    "-o",
                    "beginning",
                    "-e",
                    "-q",
                    "-X",
                    "isolation.level=read_committed",
                    "-f",
                    format)
                .redirectError(err.toFile())
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new IllegalStateException("kcat did not finish reading " + topic + " in 60 s");
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException(
              "kcat exited " + p.exitValue() + " reading " + topic + ": " + Files.readString(err));
        }
        return out;
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kcat", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while kcat read " + topic, e);
    }
  }

  private static @Nullable String line(DataInputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      int c;
      try {
        c = in.readUnsignedByte();
      } catch (EOFException e) {
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
      }
      if (c == '\n') {
        return b.toString(StandardCharsets.UTF_8);
      }
      b.write(c);
    }
  }
}
