package com.webase.token;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * token-service: see DESIGN §7. Features live in packages beside this class, one per capability.
 */
@SpringBootApplication
public class TokenServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(TokenServiceApplication.class, args);
  }
}
