/** Topic routing: glob and exact matchers that pick each topic's rule. */
@NullMarked
package io.edgegateway.core.routing;

import org.jspecify.annotations.NullMarked;
