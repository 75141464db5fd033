/** CDR encoding of the humanoid test messages. */
@NullMarked
package io.edgegateway.testkit.cdr;

import org.jspecify.annotations.NullMarked;
