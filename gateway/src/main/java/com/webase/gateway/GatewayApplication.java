package com.webase.gateway;

import com.webase.gateway.apitoken.ApiTokenProperties;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The only public entry (DESIGN §2): API tokens ({@code apitoken}), portal login ({@code portal}),
 * routes with timeouts and circuit breakers ({@code routing}, {@code application.yml}), rate limits
 * ({@code ratelimit}), request ids and the access log ({@code observability}).
 */
@SpringBootApplication
@EnableConfigurationProperties(ApiTokenProperties.class)
public class GatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(GatewayApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
