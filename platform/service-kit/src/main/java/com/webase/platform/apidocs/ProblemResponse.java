package com.webase.platform.apidocs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem an operation answers on purpose, beyond those every operation of the kit may answer
 * (validation, authentication, scope, idempotency): its HTTP status and its {@code type} slug, as
 * the code throws it. The service's OpenAPI document lists it under the operation's responses, and
 * the problem catalogue ({@code docs/problems/<slug>.md}) says what it means.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

  /** The HTTP status, e.g. 404. */
  int status();

  /** The {@code type} slug, e.g. {@code app-not-found}. */
  String type();

  /** When it happens, in words for the reader of the reference. */
  String when() default "";

  /** The container of repeated {@link ProblemResponse}s. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    ProblemResponse[] value();
  }
}
