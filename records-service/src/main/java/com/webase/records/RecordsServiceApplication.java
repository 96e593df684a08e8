package com.webase.records;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * records-service: see DESIGN §7. Features live in packages beside this class, one per capability.
 */
@SpringBootApplication
public class RecordsServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(RecordsServiceApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
