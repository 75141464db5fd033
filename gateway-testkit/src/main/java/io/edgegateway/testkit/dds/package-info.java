/**
 * A foreign DDS peer for interoperability tests: Cyclone DDS C programs built on demand ({@link
 * io.edgegateway.testkit.dds.CyclonePeer}), the samples they exchange ({@link
 * io.edgegateway.testkit.dds.RosSamples}) and domain isolation ({@link
 * io.edgegateway.testkit.dds.DdsDomains}).
 */
@NullMarked
package io.edgegateway.testkit.dds;

import org.jspecify.annotations.NullMarked;
