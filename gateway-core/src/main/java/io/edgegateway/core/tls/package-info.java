/**
 * TLS client material from PEM files (mTLS to Kafka): the file paths, loading them with the JDK
 * only, and the checks {@code validate} and a certificate rotation run before material is used.
 */
@NullMarked
package io.edgegateway.core.tls;

import org.jspecify.annotations.NullMarked;
