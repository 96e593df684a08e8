package com.webase.apps;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * apps-service (DESIGN §7): applications ({@code apps}), their source files and revisions ({@code
 * files}), chat refinement ({@code chat}), evaluations ({@code evaluation}), deployments ({@code
 * deployment}) and the live sites they serve ({@code sites}). Features depend on each other only in
 * that order: nothing depends on {@code sites}, {@code apps} depends on none of the others.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AppsServiceApplication {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  public static void main(String[] args) {
    SpringApplication.run(AppsServiceApplication.class, args);
  }
}
