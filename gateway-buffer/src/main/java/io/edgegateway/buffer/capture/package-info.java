/** Incident capture on disk: the capture ring's segment files and the SQLite incident store. */
@NullMarked
package io.edgegateway.buffer.capture;

import org.jspecify.annotations.NullMarked;
