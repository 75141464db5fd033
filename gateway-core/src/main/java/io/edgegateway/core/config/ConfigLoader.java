package io.edgegateway.core.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Loads and validates a gateway config file (DESIGN §4).
 *
 * <p>Every problem is reported at once, each as a {@link ConfigError} with the file, 1-based line
 * and column, the key path and a message; nothing is thrown for a bad file. Errors about the file
 * as a whole (missing, unreadable, not UTF-8, empty) are placed at line 1, column 1 with an empty
 * path.
 *
 * <p>In scalar values {@code ${NAME}} is replaced by an environment variable and {@code
 * ${file:/path}} by the file's contents without one trailing newline; <code>$${</code> is a literal
 * <code>${</code>.
 */
public final class ConfigLoader {
  /** Largest config file read. */
  static final int MAX_FILE_BYTES = 1 << 20;

  private ConfigLoader() {}

  /** Loads {@code file}, substituting from the process environment. */
  public static ConfigResult load(Path file) {
    return load(file, System::getenv);
  }

  /**
   * Loads {@code file}, substituting {@code ${NAME}} from {@code env}.
   *
   * @param env environment lookup; returns null for an unset variable
   */
  public static ConfigResult load(Path file, Function<String, String> env) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(env, "env");
    String name = file.toString();
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        return fileError(name, "cannot read config file: is a directory");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        return fileError(
            name, "config file is larger than " + Sizes.format(MAX_FILE_BYTES) + ", not a config");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return fileError(name, "cannot read config file: no such file");
    } catch (AccessDeniedException e) {
      return fileError(name, "cannot read config file: permission denied");
    } catch (IOException | SecurityException e) {
      return fileError(name, "cannot read config file: " + e);
    }
    return parse(name, bytes, env);
  }

  /**
   * Parses the bytes of a config file already read (e.g. to know the digest of exactly what was
   * parsed): UTF-8, an optional byte-order mark, then as {@link #parse(String, String, Function)}.
   *
   * @param fileNameForMessages the file name put in every error
   */
  public static ConfigResult parse(
      String fileNameForMessages, byte[] bytes, Function<String, String> env) {
    Objects.requireNonNull(fileNameForMessages, "fileNameForMessages");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(env, "env");
    String name = fileNameForMessages;
    if (bytes.length > MAX_FILE_BYTES) {
      return fileError(
          name, "config file is larger than " + Sizes.format(MAX_FILE_BYTES) + ", not a config");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return fileError(name, "config file is not UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return parse(name, text, env);
  }

  /**
   * Parses config text.
   *
   * @param fileNameForMessages the file name put in every error
   * @param yamlText the YAML document
   * @param env environment lookup for {@code ${NAME}}; returns null for an unset variable
   */
  public static ConfigResult parse(
      String fileNameForMessages, String yamlText, Function<String, String> env) {
    Objects.requireNonNull(fileNameForMessages, "fileNameForMessages");
    Objects.requireNonNull(yamlText, "yamlText");
    Objects.requireNonNull(env, "env");
    try {
      return new ConfigParser(fileNameForMessages, env).parse(yamlText);
    } catch (RuntimeException e) {
      // A bug in the loader must still come out as one line, not a stack trace.
      return fileError(
          fileNameForMessages, "internal error while reading the config (please report): " + e);
    }
  }

  private static ConfigResult fileError(String file, String message) {
    return ConfigResult.invalid(List.of(new ConfigError(file, 1, 1, "", message)));
  }
}
