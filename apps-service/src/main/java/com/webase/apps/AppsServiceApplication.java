package com.webase.apps;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** apps-service: see DESIGN §7. Features live in packages beside this class, one per capability. */
@SpringBootApplication
public class AppsServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(AppsServiceApplication.class, args);
  }
}
