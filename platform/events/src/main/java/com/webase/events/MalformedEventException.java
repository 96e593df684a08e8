package com.webase.events;

/**
 * An event that can never be processed as it is: missing CloudEvents attributes or data that does
 * not match its declared type. Consumers park it on the dead-letter topic instead of retrying.
 */
public class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message) {
    super(message);
  }

  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
