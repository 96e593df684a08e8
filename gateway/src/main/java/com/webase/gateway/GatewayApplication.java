package com.webase.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The only public entry (DESIGN §2). Today it routes each API path to its service, which checks the
 * caller's JWT itself; x-api-token validation, portal login, rate limits and circuit breakers come
 * with the token-service and gateway issue.
 */
@SpringBootApplication
public class GatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(GatewayApplication.class, args);
  }
}
