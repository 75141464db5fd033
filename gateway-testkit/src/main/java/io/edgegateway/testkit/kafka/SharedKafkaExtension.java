package io.edgegateway.testkit.kafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives tests one {@link EmbeddedKafka} broker shared by the whole test
 * JVM.
 *
 * <p>The broker is started on first use, kept in the root {@link ExtensionContext.Store} and closed
 * (log directory deleted) when the test run ends. Tests receive it as a parameter of type {@link
 * EmbeddedKafka} in constructors, lifecycle methods or test methods, or through {@link
 * #kafka(ExtensionContext)} from other extensions:
 *
 * <pre>{@code
 * @ExtendWith(SharedKafkaExtension.class)
 * class MyTest {
 *   @Test
 *   void sends(EmbeddedKafka kafka) {
 *     kafka.createTopic("my-test-topic", 1, false);
 *     ... kafka.bootstrapServers() ...
 *   }
 * }
 * }</pre>
 *
 * <p>Other test classes use the same broker: give every test its own topic names, and never stop or
 * close the shared broker (create a private {@link EmbeddedKafka} to test outages).
 */
public final class SharedKafkaExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedKafkaExtension.class);
  private static final String KEY = "broker";

  /** Returns the running shared broker of this test JVM, starting it on first call. */
  public static EmbeddedKafka kafka(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(KEY, key -> EmbeddedKafka.create().start(), EmbeddedKafka.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedKafka.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return kafka(context);
  }
}
