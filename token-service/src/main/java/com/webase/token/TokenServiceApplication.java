package com.webase.token;

import com.webase.token.tokens.TokensProperties;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * token-service: see DESIGN §7. Features live in packages beside this class, one per capability.
 */
@SpringBootApplication
@EnableConfigurationProperties(TokensProperties.class)
public class TokenServiceApplication {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  public static void main(String[] args) {
    SpringApplication.run(TokenServiceApplication.class, args);
  }
}
