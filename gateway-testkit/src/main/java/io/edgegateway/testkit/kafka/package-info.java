/** An embedded Kafka broker for tests and the JUnit extension that shares it. */
@NullMarked
package io.edgegateway.testkit.kafka;

import org.jspecify.annotations.NullMarked;
