/** A throw-away PKI for mTLS tests, driven through the {@code openssl} command line. */
@NullMarked
package io.edgegateway.testkit.tls;

import org.jspecify.annotations.NullMarked;
