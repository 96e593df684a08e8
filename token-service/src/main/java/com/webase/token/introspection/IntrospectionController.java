package com.webase.token.introspection;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/introspect}: for the gateway only (see {@link IntrospectionSecurity}).
 * The token travels in the body, never in a URL.
 */
@RestController
class IntrospectionController {

  private final Introspection introspection;

  IntrospectionController(Introspection introspection) {
    this.introspection = introspection;
  }

  @PostMapping("/internal/v1/introspect")
  ResponseEntity<Introspection.Result> introspect(@RequestBody IntrospectionRequest request) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(introspection.introspect(request.token()));
  }

  record IntrospectionRequest(String token) {}
}
