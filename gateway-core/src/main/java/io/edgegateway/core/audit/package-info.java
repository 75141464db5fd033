/**
 * The tamper-evident audit log: records hash-chained in canonical JSON, Ed25519-signed checkpoints,
 * the chain verifier and the file writer (docs/security.md, "Audit log").
 */
@NullMarked
package io.edgegateway.core.audit;

import org.jspecify.annotations.NullMarked;
