/** A test OIDC token endpoint issuing RS256 JWTs, and the JWKS a broker validates them with. */
@NullMarked
package io.edgegateway.testkit.oauth;

import org.jspecify.annotations.NullMarked;
