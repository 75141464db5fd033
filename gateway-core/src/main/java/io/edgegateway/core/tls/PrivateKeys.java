package io.edgegateway.core.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Decodes a private key from PEM blocks with the JDK only: PKCS#8 ({@code PRIVATE KEY}: RSA, EC,
 * Ed25519), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES2 as {@code openssl pkcs8 -topk8}
 * writes it, with the key password) and PKCS#1 RSA ({@code RSA PRIVATE KEY}), which is wrapped into
 * a PKCS#8 structure first, as is SEC1 EC ({@code EC PRIVATE KEY}, which {@code openssl ecparam
 * -genkey} and {@code openssl ec} write) with its named curve. Legacy openssl encryption ({@code
 * Proc-Type: 4,ENCRYPTED}) is refused with a message saying how to convert it.
 */
final class PrivateKeys {
  /** DER of the AlgorithmIdentifier rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  /** DER of the OID id-ecPublicKey (1.2.840.10045.2.1). */
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  private PrivateKeys() {}

  /** The one private key among {@code blocks} of {@code file}. */
  static PrivateKey decode(Path file, List<PemBlocks.Block> blocks, Optional<String> password)
      throws TlsMaterialException {
    List<PemBlocks.Block> keys =
        blocks.stream().filter(b -> b.label().endsWith("PRIVATE KEY")).toList();
    if (keys.size() != 1) {
      throw new TlsMaterialException(file, "expected one private key block, found " + keys.size());
    }
    PemBlocks.Block block = keys.get(0);
    if (block.headers()) {
      throw new TlsMaterialException(
          file,
          "legacy encrypted PEM key (Proc-Type header) is not supported; convert it with"
              + " openssl pkcs8 -topk8 -v2 aes-256-cbc");
    }
    switch (block.label()) {
      case "PRIVATE KEY":
        return pkcs8(file, block.der());
      case "RSA PRIVATE KEY":
        return pkcs8(file, wrapPkcs1(block.der()));
      case "EC PRIVATE KEY":
        return pkcs8(file, wrapSec1(file, block.der()));
      case "ENCRYPTED PRIVATE KEY":
        if (password.isEmpty()) {
          throw new TlsMaterialException(file, "the key is encrypted; set key_password");
        }
        return pkcs8(file, decrypt(file, block.der(), password.get()));
      default:
        throw new TlsMaterialException(
            file,
            block.label()
                + " is not supported; convert it to PKCS#8 with openssl pkcs8 -topk8 -nocrypt");
    }
  }

  private static byte[] decrypt(Path file, byte[] der, String password)
      throws TlsMaterialException {
    try {
      EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
      // For PBES2 the parameters name the real scheme, e.g. PBEWithHmacSHA256AndAES_256.
      String scheme =
          info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
      SecretKeyFactory factory = SecretKeyFactory.getInstance(scheme);
      Cipher cipher = Cipher.getInstance(scheme);
      cipher.init(
          Cipher.DECRYPT_MODE,
          factory.generateSecret(new PBEKeySpec(password.toCharArray())),
          info.getAlgParameters());
      return info.getKeySpec(cipher).getEncoded();
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsMaterialException(
          file, "cannot decrypt the key (wrong key_password?): " + e.getMessage(), e);
    }
  }

  private static PrivateKey pkcs8(Path file, byte[] der) throws TlsMaterialException {
    for (String algorithm : ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new TlsMaterialException(
        file, "not a readable RSA, EC or EdDSA private key (corrupt or half-written?)");
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } }. */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.writeBytes(tlv(0x04, pkcs1));
    return tlv(0x30, body.toByteArray());
  }

  /**
   * PrivateKeyInfo ::= SEQUENCE { version 0, SEQUENCE { id-ecPublicKey, namedCurve }, OCTET STRING
   * { ECPrivateKey } }, the curve taken from the ECPrivateKey's {@code [0]} parameters.
   */
  static byte[] wrapSec1(Path file, byte[] sec1) throws TlsMaterialException {
    byte[] curve = null;
    try {
      Der outer = Der.read(sec1, 0);
      if (outer.tag() != 0x30) {
        throw new TlsMaterialException(file, "EC PRIVATE KEY is not a DER sequence");
      }
      for (int at = outer.valueStart(); at < outer.end(); ) {
        Der element = Der.read(sec1, at);
        if (element.tag() == 0xa0) {
          Der oid = Der.read(sec1, element.valueStart());
          if (oid.tag() == 0x06) {
            curve = java.util.Arrays.copyOfRange(sec1, element.valueStart(), oid.end());
          }
        }
        at = element.end();
      }
    } catch (IndexOutOfBoundsException e) {
      throw new TlsMaterialException(file, "EC PRIVATE KEY is truncated or corrupt");
    }
    if (curve == null) {
      throw new TlsMaterialException(
          file, "EC PRIVATE KEY names no curve; convert it with openssl pkcs8 -topk8 -nocrypt");
    }
    ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
    algorithm.writeBytes(EC_PUBLIC_KEY_OID);
    algorithm.writeBytes(curve);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(tlv(0x30, algorithm.toByteArray()));
    body.writeBytes(tlv(0x04, sec1));
    return tlv(0x30, body.toByteArray());
  }

  /** One DER element of {@code der} at {@code start}: its tag and where its value lies. */
  private record Der(int tag, int valueStart, int end) {
    static Der read(byte[] der, int start) {
      int tag = der[start] & 0xff;
      int first = der[start + 1] & 0xff;
      int length;
      int valueStart;
      if (first < 0x80) {
        length = first;
        valueStart = start + 2;
      } else {
        int bytes = first & 0x7f;
        if (bytes < 1 || bytes > 3) {
          throw new IndexOutOfBoundsException("DER length of " + bytes + " bytes");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[start + 2 + i] & 0xff);
        }
        valueStart = start + 2 + bytes;
      }
      int end = valueStart + length;
      if (end > der.length) {
        throw new IndexOutOfBoundsException("DER element past the end");
      }
      return new Der(tag, valueStart, end);
    }
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((n >>> (8 * i)) & 0xff);
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
