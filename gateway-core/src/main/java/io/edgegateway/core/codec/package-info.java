/** The batch wire format: encoding, decoding, stream encodings and zstd dictionaries. */
@NullMarked
package io.edgegateway.core.codec;

import org.jspecify.annotations.NullMarked;
