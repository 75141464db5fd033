package io.edgegateway.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ed25519 key that signs checkpoints: one PEM file (mode 0600) holding the {@code PRIVATE KEY}
 * (PKCS#8) and the {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) blocks, made on first start.
 */
public final class AuditKeys {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private AuditKeys() {}

  /** The key pair of {@code file}, made and written (0600) when the file does not exist. */
  public static KeyPair loadOrCreate(Path file) {
    if (!Files.exists(file)) {
      KeyPair pair = generate();
      String pem =
          pem("PRIVATE KEY", pair.getPrivate().getEncoded())
              + pem("PUBLIC KEY", pair.getPublic().getEncoded());
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
        return pair;
      } catch (FileAlreadyExistsException e) {
        // made by someone else meanwhile: read theirs
      } catch (IOException e) {
        throw new UncheckedIOException("audit signing key " + file + ": " + e.getMessage(), e);
      }
    }
    String text = read(file);
    return new KeyPair(publicKey(block(text, "PUBLIC KEY", file)), privateKey(text, file));
  }

  /** The public key in {@code file}: a key file of this class or a {@code PUBLIC KEY} PEM file. */
  public static PublicKey readPublic(Path file) {
    return publicKey(block(read(file), "PUBLIC KEY", file));
  }

  /** The {@code PUBLIC KEY} PEM text of {@code key}. */
  public static String publicPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  /** A fresh Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is missing from this JDK", e);
    }
  }

  /** Base64 of the Ed25519 signature of the UTF-8 of {@code text}. */
  public static String sign(PrivateKey key, String text) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed: " + e, e);
    }
  }

  /** Whether {@code signature} (base64) is {@code key}'s signature of {@code text}. */
  public static boolean verify(PublicKey key, String text, String signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return s.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The first 16 hex digits of the SHA-256 of the public key's encoding: names the key. */
  public static String keyId(PublicKey key) {
    return AuditRecord.sha256(Base64.getEncoder().encodeToString(key.getEncoded()))
        .substring(0, 16);
  }

  private static PrivateKey privateKey(String text, Path file) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(block(text, "PRIVATE KEY", file)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("audit signing key " + file + ": not an Ed25519 key", e);
    }
  }

  private static PublicKey publicKey(byte[] der) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  private static byte[] block(String text, String type, Path file) {
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        return Base64.getMimeDecoder().decode(m.group(2));
      }
    }
    throw new IllegalArgumentException(file + ": no " + type + " PEM block");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("audit key " + file + ": " + e.getMessage(), e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
