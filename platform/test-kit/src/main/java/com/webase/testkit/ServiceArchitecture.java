package com.webase.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The boundaries every service keeps, checked in each service's own build:
 *
 * <ul>
 *   <li>features (the packages directly under the application's package) use each other only
 *       through their top-level types, never another feature's sub-packages, and form no cycles
 *       (Spring Modulith's verifier);
 *   <li>no service uses another service's code — only {@code com.webase.events} and the platform
 *       kits; services talk through events.
 * </ul>
 */
public final class ServiceArchitecture {

  private static final List<String> SERVICE_PACKAGES =
      List.of(
          "com.webase.gateway",
          "com.webase.account",
          "com.webase.token",
          "com.webase.apps",
          "com.webase.records",
          "com.webase.notification");

  private ServiceArchitecture() {}

  /** Fails with every violation found in the service whose main class is {@code application}. */
  public static void verify(Class<?> application) {
    ApplicationModules.of(application).verify();

    String own = application.getPackageName();
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(own);
    String[] others =
        SERVICE_PACKAGES.stream()
            .filter(p -> !p.equals(own))
            .map(p -> p + "..")
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAPackage(own + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others)
        .because("services talk through events, never through each other's code")
        .check(classes);
  }
}
