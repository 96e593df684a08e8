package com.webase.account;

import com.webase.account.confirmation.ConfirmationProperties;
import com.webase.account.email.EmailChangeProperties;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * account-service: see DESIGN §7. Features live in packages beside this class, one per capability.
 */
@SpringBootApplication
@EnableConfigurationProperties({ConfirmationProperties.class, EmailChangeProperties.class})
public class AccountServiceApplication {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  public static void main(String[] args) {
    SpringApplication.run(AccountServiceApplication.class, args);
  }
}
