package com.webase.platform.apidocs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that needs a person with a recent login (sudo mode, DESIGN §5) — or, where
 * {@link #orCurrentPassword()}, the current password in the request instead. The code's check is
 * {@link com.webase.platform.security.PersonOnly#requireRecentLogin}; this annotation is what the
 * OpenAPI document says about it ({@code x-webase-recent-login} and the {@code
 * recent-login-required} problem).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NeedsRecentLogin {

  /** True where the current password in the body does instead of a recent login. */
  boolean orCurrentPassword() default false;
}
