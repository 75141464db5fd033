package io.edgegateway.core.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A TLS client's material, loaded from {@link TlsFiles} and checked: the certificate chain, its
 * private key and the CA certificates, as the Kafka client takes them (PEM text, the key as
 * unencrypted PKCS#8, since it was decrypted here).
 *
 * <p>{@link #load} checks, naming the file in every {@link TlsMaterialException}: each file is
 * readable and complete PEM; the key decodes (see {@code PrivateKeys}) and matches the first
 * certificate (a random challenge signed with the key verifies with the certificate's public key);
 * no certificate of the chain is expired or not yet valid; the chain reaches one of the CA
 * certificates (PKIX path validation, revocation not checked: fleet PKIs rotate short-lived
 * certificates instead).
 */
public final class TlsMaterial {
  private final List<X509Certificate> chain;
  private final PrivateKey key;
  private final List<X509Certificate> cas;

  private TlsMaterial(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> cas) {
    this.chain = List.copyOf(chain);
    this.key = key;
    this.cas = List.copyOf(cas);
  }

  /** Loads and checks the material of {@code files} as of {@code now}. */
  public static TlsMaterial load(TlsFiles files, Instant now) throws TlsMaterialException {
    List<X509Certificate> cas = certificates(files.caFile(), read(files.caFile()));
    List<X509Certificate> chain = certificates(files.certFile(), read(files.certFile()));
    List<PemBlocks.Block> keyBlocks = PemBlocks.parse(files.keyFile(), read(files.keyFile()));
    PrivateKey key = PrivateKeys.decode(files.keyFile(), keyBlocks, files.keyPassword());
    checkMatch(files, chain.get(0), key);
    checkValidity(files.certFile(), chain, now);
    checkValidity(files.caFile(), cas, now);
    checkChain(files, chain, cas, now);
    return new TlsMaterial(chain, key, cas);
  }

  private static byte[] read(Path file) throws TlsMaterialException {
    try {
      return Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new TlsMaterialException(file, "no such file", e);
    } catch (IOException e) {
      throw new TlsMaterialException(file, "cannot read: " + e, e);
    }
  }

  private static List<X509Certificate> certificates(Path file, byte[] bytes)
      throws TlsMaterialException {
    List<X509Certificate> certs = new ArrayList<>();
    for (PemBlocks.Block block : PemBlocks.parse(file, bytes)) {
      if (!block.label().equals("CERTIFICATE")) {
        continue;
      }
      try {
        certs.add(
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.der())));
      } catch (CertificateException e) {
        throw new TlsMaterialException(
            file, "certificate " + (certs.size() + 1) + " is not a valid X.509 certificate", e);
      }
    }
    if (certs.isEmpty()) {
      throw new TlsMaterialException(file, "no CERTIFICATE block (expected PEM)");
    }
    return certs;
  }

  private static void checkMatch(TlsFiles files, X509Certificate cert, PrivateKey key)
      throws TlsMaterialException {
    PublicKey pub = cert.getPublicKey();
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm();
        };
    boolean matches;
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(pub);
      verifier.update(challenge);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw new TlsMaterialException(
          files.keyFile(),
          "the key does not match the certificate "
              + cert.getSubjectX500Principal().getName()
              + " of "
              + files.certFile());
    }
  }

  private static void checkValidity(Path file, List<X509Certificate> certs, Instant now)
      throws TlsMaterialException {
    for (X509Certificate c : certs) {
      String subject = c.getSubjectX500Principal().getName();
      if (now.isAfter(c.getNotAfter().toInstant())) {
        throw new TlsMaterialException(
            file, "certificate " + subject + " expired at " + c.getNotAfter().toInstant());
      }
      if (now.isBefore(c.getNotBefore().toInstant())) {
        throw new TlsMaterialException(
            file,
            "certificate " + subject + " is not valid before " + c.getNotBefore().toInstant());
      }
    }
  }

  private static void checkChain(
      TlsFiles files, List<X509Certificate> chain, List<X509Certificate> cas, Instant now)
      throws TlsMaterialException {
    Set<TrustAnchor> anchors = new HashSet<>();
    for (X509Certificate ca : cas) {
      anchors.add(new TrustAnchor(ca, null));
    }
    List<X509Certificate> path = new ArrayList<>();
    for (X509Certificate c : chain) {
      if (!cas.contains(c)) {
        path.add(c);
      }
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
    } catch (CertPathValidatorException e) {
      throw new TlsMaterialException(
          files.certFile(),
          "the certificate chain does not reach a CA of " + files.caFile() + ": " + e.getMessage(),
          e);
    } catch (GeneralSecurityException e) {
      throw new TlsMaterialException(files.certFile(), "cannot check the chain: " + e, e);
    }
  }

  /** The client certificate (the first of the chain). */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** When the client certificate expires. */
  public Instant notAfter() {
    return certificate().getNotAfter().toInstant();
  }

  /** The certificate chain as PEM text. */
  public String chainPem() {
    return pem(chain);
  }

  /** The CA certificates as PEM text. */
  public String caPem() {
    return pem(cas);
  }

  /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}); a secret. */
  public String keyPem() {
    return block("PRIVATE KEY", key.getEncoded());
  }

  private static String pem(List<X509Certificate> certs) {
    StringBuilder out = new StringBuilder();
    for (X509Certificate c : certs) {
      try {
        out.append(block("CERTIFICATE", c.getEncoded()));
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalStateException("a parsed certificate cannot be encoded again", e);
      }
    }
    return out.toString();
  }

  private static String block(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  @Override
  public String toString() {
    return "TlsMaterial["
        + certificate().getSubjectX500Principal().getName()
        + ", notAfter "
        + notAfter()
        + "]";
  }
}
