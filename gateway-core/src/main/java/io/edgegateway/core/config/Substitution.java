package io.edgegateway.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} with an environment variable and {@code ${file:/path}} with the contents
 * of a file (one trailing newline removed) in a scalar value; <code>$${</code> is a literal <code>
 * ${</code>.
 */
final class Substitution {
  /** Largest file {@code ${file:...}} reads; secrets and certificates are far smaller. */
  static final int MAX_FILE_BYTES = 1 << 20;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String FILE_PREFIX = "file:";

  private Substitution() {}

  /**
   * Returns {@code text} with every reference replaced.
   *
   * @param env environment lookup; returns null for an unset variable
   * @throws IllegalArgumentException naming the reference that cannot be resolved
   */
  static String apply(String text, Function<String, String> env) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException(
              "unterminated '${' in '" + text + "' (expected '}'; write '$${' for a literal '${')");
        }
        out.append(resolve(text.substring(i + 2, end), env));
        i = end + 1;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  private static String resolve(String reference, Function<String, String> env) {
    if (reference.startsWith(FILE_PREFIX)) {
      return readFile(reference.substring(FILE_PREFIX.length()));
    }
    if (!NAME.matcher(reference).matches()) {
      throw new IllegalArgumentException(
          "invalid reference '${" + reference + "}' (expected ${NAME} or ${file:/path})");
    }
    String value = env.apply(reference);
    if (value == null) {
      throw new IllegalArgumentException("environment variable '" + reference + "' is not set");
    }
    return value;
  }

  private static String readFile(String pathText) {
    String ref = "${file:" + pathText + "}";
    if (pathText.isEmpty()) {
      throw new IllegalArgumentException("invalid reference '" + ref + "' (expected a path)");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(Path.of(pathText))) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cannot read " + ref + ": no such file");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("cannot read " + ref + ": permission denied");
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("cannot read " + ref + ": invalid path");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + ref + ": " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(
          "cannot read " + ref + ": larger than " + Sizes.format(MAX_FILE_BYTES));
    }
    String content;
    try {
      content =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("cannot read " + ref + ": not UTF-8 text");
    }
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    if (content.endsWith("\n")) {
      return content.substring(0, content.length() - 1);
    }
    return content;
  }
}
