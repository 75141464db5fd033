package io.edgegateway.ros2.msg;

/** A {@code .msg} text that cannot be parsed, or a message type that is not known. */
public final class MessageDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MessageDefinitionException(String message) {
    super(message);
  }
}
