package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webase.startup.MissingSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A service built on the kit does not start without its database settings, and says which in one
 * line — it never falls back to a PostgreSQL on this machine as its superuser.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingSettingTest {

  @Test
  void aServiceWithoutItsDatabaseHostStopsWithOneLineNamingTheVariable(CapturedOutput output) {
    var service = new SpringApplicationBuilder(KitTestApplication.class);

    assertThatThrownBy(
            () ->
                service.run(
                    "--WEBASE_DB_USER=kit", "--server.port=0", "--management.server.port=0"))
        .isInstanceOf(MissingSettingException.class)
        .hasMessage(
            "Refusing to start: spring.datasource.url needs WEBASE_DB_HOST, which is not set.");
    assertThat(output)
        .contains(
            "Refusing to start: spring.datasource.url needs WEBASE_DB_HOST, which is not set.")
        .doesNotContain("at org.springframework");
  }

  @Test
  void aServiceWithoutItsDatabaseUserStopsNamingThatVariable() {
    var service = new SpringApplicationBuilder(KitTestApplication.class);

    assertThatThrownBy(
            () ->
                service.run(
                    "--WEBASE_DB_HOST=db.example", "--server.port=0", "--management.server.port=0"))
        .isInstanceOf(MissingSettingException.class)
        .hasMessage(
            "Refusing to start: spring.datasource.username needs WEBASE_DB_USER, which is not set.");
  }
}
