package com.webase.gateway.problem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

/**
 * A request Spring Security's firewall refuses — a path with {@code ..}, {@code //}, an encoded
 * slash or a control character — gets a 400 problem that says why, not the firewall's empty 400.
 */
@Configuration
class RefusedRequests {

  @Bean
  ServerExchangeRejectedHandler refusedPathProblem(Problems problems) {
    return (exchange, rejected) ->
        problems.write(
            exchange,
            HttpStatus.BAD_REQUEST,
            "malformed-request-path",
            "Malformed request path",
            "The request path is not accepted: it must not contain '..' or '.' segments, '//',"
                + " encoded slashes, dots or control characters.");
  }
}
