package com.webase.platform.apidocs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The status(es) an operation answers on success when it is not 200 — a controller that returns
 * {@code ResponseEntity.created(…)}, {@code .status(ACCEPTED)} or {@code .noContent()} decides its
 * status at run time, where springdoc cannot see it. The first replaces the documented 200; 204 has
 * no body.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SuccessStatus {

  /** e.g. {@code 201}, or {@code {200, 201}} for a put that may create. */
  int[] value();
}
