package com.webase.records;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * records-service: see DESIGN §7. Features live in packages beside this class, one per capability.
 */
@SpringBootApplication
public class RecordsServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(RecordsServiceApplication.class, args);
  }
}
