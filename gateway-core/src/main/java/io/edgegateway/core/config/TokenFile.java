package io.edgegateway.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code http.auth.token_file}: the token is the file's content without surrounding
 * whitespace, printable ASCII, at least {@link #MIN_CHARS} long. Problems are config errors at the
 * key's value that name the file, never its content; a file other users may read gets one WARN.
 */
final class TokenFile {
  private static final Logger log = LoggerFactory.getLogger(TokenFile.class);

  /** Shortest token accepted; a random 128-bit token in hex is 32 characters. */
  static final int MIN_CHARS = 16;

  /** Largest token file read. */
  static final int MAX_BYTES = 4096;

  private TokenFile() {}

  /** The token; null (with an error at {@code at}) when the file cannot serve as a token file. */
  static @Nullable Secret read(Path file, Position at, String path, ErrorCollector errors) {
    return read(file, at, path, errors, "token file", MIN_CHARS);
  }

  /**
   * Reads a secret file like a token file: {@code noun} names it in errors ("secret file"), {@code
   * minChars} is the shortest content accepted.
   */
  static @Nullable Secret read(
      Path file, Position at, String path, ErrorCollector errors, String noun, int minChars) {
    if (Files.isDirectory(file)) {
      errors.report(at, path, noun + " " + file + ": is a directory");
      return null;
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // a FIFO or a device: opening one could block or never end
      errors.report(at, path, noun + " " + file + ": not a regular file");
      return null;
    }
    String problem;
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
      problem = check(bytes, minChars);
    } catch (NoSuchFileException e) {
      bytes = new byte[0];
      problem = "no such file";
    } catch (AccessDeniedException e) {
      bytes = new byte[0];
      problem = "permission denied (the gateway's user must be able to read it)";
    } catch (IOException e) {
      bytes = new byte[0];
      problem = "unreadable: " + e.getClass().getName();
    }
    if (problem != null) {
      errors.report(at, path, noun + " " + file + ": " + problem);
      return null;
    }
    warnIfOthersCanRead(file, at, path, errors.file());
    return new Secret(new String(bytes, StandardCharsets.US_ASCII).strip());
  }

  /** Why {@code bytes} is not a token, or null when it is one. */
  private static @Nullable String check(byte[] bytes, int minChars) {
    if (bytes.length > MAX_BYTES) {
      return "larger than " + MAX_BYTES + " bytes (expected one token)";
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1).strip();
    if (text.isEmpty()) {
      return "is empty (expected a token, e.g. the output of `openssl rand -hex 32`)";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return "holds a character other than printable ASCII at offset "
            + i
            + " (expected one token without spaces, e.g. the output of `openssl rand -hex 32`)";
      }
    }
    if (text.length() < minChars) {
      return "holds a token of "
          + text.length()
          + " characters (expected at least "
          + minChars
          + ", e.g. the output of `openssl rand -hex 32`)";
    }
    return null;
  }

  private static void warnIfOthersCanRead(Path file, Position at, String path, String configFile) {
    Set<PosixFilePermission> mode;
    try {
      mode = Files.getPosixFilePermissions(file);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    if (mode.contains(PosixFilePermission.OTHERS_READ)) {
      log.warn(
          "{}:{}:{}: {}: {} is readable by other users; chmod o-r it",
          configFile,
          at.line(),
          at.column(),
          path,
          file);
    }
  }
}
