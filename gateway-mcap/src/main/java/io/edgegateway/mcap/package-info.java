/**
 * MCAP files in the ros2 profile: a writer of the MCAP record format (zstd chunks, message indexes,
 * summary, footer) and the export of telemetry batches into it.
 *
 * <p>Why a writer of our own: Maven Central has no maintained Java MCAP library (the MCAP project
 * ships readers and writers for C++, Go, Python, Rust, Swift and TypeScript only), so this package
 * writes the records as the specification (mcap.dev/spec) lays them out, and the tests read the
 * files back with the independent TypeScript reader ({@code @mcap/core}).
 *
 * <p>zstd-jni is imported here as well as in {@code core.codec}: MCAP chunk compression is part of
 * the file format this package owns, and the batch codec's compression is part of the wire format
 * core owns; neither is a general compression service for the other.
 */
@NullMarked
package io.edgegateway.mcap;

import org.jspecify.annotations.NullMarked;
