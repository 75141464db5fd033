package io.edgegateway.uplink;

import io.edgegateway.core.tls.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the TLS files look like now: per file its modification time, size and SHA-256 (a missing or
 * unreadable file has its own stamp), so that any change of content is seen even when the time
 * stamp does not move.
 */
record TlsFileStamp(List<String> files) {
  static TlsFileStamp of(TlsFiles tls) {
    List<String> stamps = new ArrayList<>();
    for (Path file : tls.all()) {
      stamps.add(stamp(file));
    }
    return new TlsFileStamp(List.copyOf(stamps));
  }

  private static String stamp(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      String modified = Files.getLastModifiedTime(file).toString();
      return modified
          + "/"
          + bytes.length
          + "/"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (IOException e) {
      return "unreadable: " + e.getClass().getSimpleName();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
