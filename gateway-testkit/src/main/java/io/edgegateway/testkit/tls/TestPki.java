package io.edgegateway.testkit.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test certificate authority in a directory, driven through the {@code openssl} CLI (OpenSSL 3):
 * a self-signed CA, and client and server certificates it signs with validity given to the second
 * ({@code openssl ca -startdate/-enddate}, since {@code -days} cannot make a certificate that
 * expires during a test). Keys: EC P-256 or RSA 2048, written as PKCS#8; {@link #toPkcs1}, {@link
 * #toSec1} and {@link #encrypted} convert them.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(dir, "Test CA");
 * TestPki.Issued client = pki.client("gateway", Instant.now(), Instant.now().plusSeconds(20));
 * }</pre>
 */
public final class TestPki {
  private static final DateTimeFormatter OPENSSL_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final long TIMEOUT_S = 60;

  /** A signed certificate and its private key (PKCS#8 PEM). */
  public record Issued(Path cert, Path key) {}

  private final Path dir;
  private final Path caCert;
  private final Path caKey;
  private int serial;

  private TestPki(Path dir, Path caCert, Path caKey) {
    this.dir = dir;
    this.caCert = caCert;
    this.caKey = caKey;
  }

  /** Creates a CA valid for two days in {@code dir} (created if needed). */
  public static TestPki create(Path dir, String caName) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("index.txt"), "");
      Files.writeString(dir.resolve("serial"), "01\n");
      Files.writeString(
          dir.resolve("ca.cnf"),
          String.join(
              "\n",
              "[ca]",
              "default_ca=d",
              "[d]",
              "database=" + dir.resolve("index.txt"),
              "new_certs_dir=" + dir,
              "serial=" + dir.resolve("serial"),
              "default_md=sha256",
              "policy=p",
              "unique_subject=no",
              "copy_extensions=copy",
              "[p]",
              "commonName=supplied",
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String slug = slug(caName);
    Path cert = dir.resolve(slug + ".pem");
    Path key = dir.resolve(slug + ".key");
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString(),
        "-subj",
        "/CN=" + caName,
        "-days",
        "2",
        "-addext",
        "basicConstraints=critical,CA:true",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    return new TestPki(dir, cert, key);
  }

  /** The CA certificate (PEM). */
  public Path caCert() {
    return caCert;
  }

  /** A client certificate (EC key) valid from {@code notBefore} to {@code notAfter}. */
  public Issued client(String name, Instant notBefore, Instant notAfter) {
    return issue(name, notBefore, notAfter, false, List.of("extendedKeyUsage=clientAuth"));
  }

  /** A client certificate with an RSA 2048 key. */
  public Issued rsaClient(String name, Instant notBefore, Instant notAfter) {
    return issue(name, notBefore, notAfter, true, List.of("extendedKeyUsage=clientAuth"));
  }

  /**
   * A server certificate for 127.0.0.1 and localhost (so hostname verification passes), valid for a
   * day.
   */
  public Issued server(String name) {
    Instant now = Instant.now();
    return issue(
        name,
        now.minusSeconds(60),
        now.plusSeconds(86_400),
        false,
        List.of("subjectAltName=IP:127.0.0.1,DNS:localhost", "extendedKeyUsage=serverAuth"));
  }

  private synchronized Issued issue(
      String name, Instant notBefore, Instant notAfter, boolean rsa, List<String> extensions) {
    serial++;
    String slug = slug(name) + "-" + serial;
    Path key = dir.resolve(slug + ".key");
    Path csr = dir.resolve(slug + ".csr");
    Path cert = dir.resolve(slug + ".pem");
    List<String> req = new ArrayList<>(List.of("req", "-newkey"));
    if (rsa) {
      req.addAll(List.of("rsa:2048"));
    } else {
      req.addAll(List.of("ec", "-pkeyopt", "ec_paramgen_curve:P-256"));
    }
    req.addAll(
        List.of(
            "-nodes", "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + name));
    for (String ext : extensions) {
      req.add("-addext");
      req.add(ext);
    }
    openssl(dir, req.toArray(String[]::new));
    openssl(
        dir,
        "ca",
        "-batch",
        "-config",
        dir.resolve("ca.cnf").toString(),
        "-cert",
        caCert.toString(),
        "-keyfile",
        caKey.toString(),
        "-in",
        csr.toString(),
        "-out",
        cert.toString(),
        "-notext",
        "-startdate",
        OPENSSL_TIME.format(notBefore),
        "-enddate",
        OPENSSL_TIME.format(notAfter));
    return new Issued(cert, key);
  }

  /** Writes {@code pkcs8Key} (an RSA key) as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). */
  public Path toPkcs1(Path pkcs8Key) {
    Path out = pkcs8Key.resolveSibling(pkcs8Key.getFileName() + ".pkcs1");
    openssl(dir, "rsa", "-in", pkcs8Key.toString(), "-traditional", "-out", out.toString());
    return out;
  }

  /** Writes {@code pkcs8Key} (an EC key) as SEC1 ({@code BEGIN EC PRIVATE KEY}). */
  public Path toSec1(Path pkcs8Key) {
    Path out = pkcs8Key.resolveSibling(pkcs8Key.getFileName() + ".sec1");
    openssl(dir, "ec", "-in", pkcs8Key.toString(), "-out", out.toString());
    return out;
  }

  /** Writes {@code key} as encrypted PKCS#8 (PBES2, AES-256-CBC) under {@code password}. */
  public Path encrypted(Path key, String password) {
    Path out = key.resolveSibling(key.getFileName() + ".enc");
    openssl(
        dir,
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        key.toString(),
        "-out",
        out.toString(),
        "-passout",
        "pass:" + password);
    return out;
  }

  /** The PEM text of a file; for brokers that take inline PEM. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String slug(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private static void openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "openssl did not finish in " + TIMEOUT_S + " s: " + command);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "openssl failed (" + p.exitValue() + "): " + command + "\n" + Files.readString(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run openssl (apt-get install openssl)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running openssl", e);
    }
  }
}
