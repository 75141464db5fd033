package io.edgegateway.core.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code -----BEGIN X-----} ... {@code -----END X-----} blocks of a PEM text strictly: a
 * block without its END line (a file caught half-written), an END that does not match its BEGIN or
 * a body that is not base64 is an error, so a partial file is never taken for a complete one. Text
 * outside blocks (openssl's {@code Bag Attributes}, comments) is ignored.
 */
final class PemBlocks {
  /**
   * One block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}, ...), its DER bytes, and
   * whether it had RFC 1421 headers ({@code Proc-Type: 4,ENCRYPTED}: openssl's legacy encryption).
   */
  record Block(String label, byte[] der, boolean headers) {}

  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
  private static final Pattern END = Pattern.compile("-----END ([A-Z0-9 ]+)-----");

  private PemBlocks() {}

  /** The blocks of {@code bytes}, read from {@code file} (named in errors). */
  static List<Block> parse(Path file, byte[] bytes) throws TlsMaterialException {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    List<Block> blocks = new ArrayList<>();
    @Nullable String label = null;
    StringBuilder body = new StringBuilder();
    boolean headers = false;
    int lineNo = 0;
    for (String raw : text.split("\r?\n", -1)) {
      lineNo++;
      String line = raw.strip();
      if (label == null) {
        Matcher b = BEGIN.matcher(line);
        if (b.matches()) {
          label = b.group(1);
          body.setLength(0);
          headers = false;
        }
        continue;
      }
      Matcher e = END.matcher(line);
      if (e.matches()) {
        if (!e.group(1).equals(label)) {
          throw new TlsMaterialException(
              file, "line " + lineNo + ": END " + e.group(1) + " closes BEGIN " + label);
        }
        try {
          blocks.add(new Block(label, Base64.getMimeDecoder().decode(body.toString()), headers));
        } catch (IllegalArgumentException x) {
          throw new TlsMaterialException(file, "the " + label + " block is not valid base64");
        }
        label = null;
      } else if (line.startsWith("-----")) {
        throw new TlsMaterialException(
            file, "line " + lineNo + ": " + line + " inside the " + label + " block");
      } else if (line.contains(":")) {
        headers = true;
      } else {
        body.append(line);
      }
    }
    if (label != null) {
      throw new TlsMaterialException(
          file, "the " + label + " block has no END line (file truncated or still being written?)");
    }
    return blocks;
  }
}
