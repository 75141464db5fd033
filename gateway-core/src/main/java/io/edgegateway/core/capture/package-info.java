/**
 * Incident capture: the full-rate capture ring's port, trigger conditions on message fields, and
 * the incident windows triggers and operators open (DESIGN §8).
 */
@NullMarked
package io.edgegateway.core.capture;

import org.jspecify.annotations.NullMarked;
