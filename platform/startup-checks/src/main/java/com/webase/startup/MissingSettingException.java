package com.webase.startup;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A process was about to start without a setting it requires: a value of its configuration still
 * names a {@code ${...}} nobody set. The message is one line naming each setting and the variables
 * (or properties) to set; it holds no value.
 */
public class MissingSettingException extends IllegalStateException {

  /**
   * One setting left unresolved.
   *
   * @param property the setting, as configured (e.g. {@code spring.datasource.url})
   * @param placeholders the names inside its unresolved {@code ${...}} (e.g. {@code
   *     WEBASE_DB_HOST})
   */
  public record Missing(String property, List<String> placeholders) {}

  private final List<Missing> missing;

  public MissingSettingException(List<Missing> missing) {
    super(message(missing));
    this.missing = List.copyOf(missing);
  }

  public List<Missing> missing() {
    return missing;
  }

  private static String message(List<Missing> missing) {
    return "Refusing to start: "
        + missing.stream()
            .map(
                m ->
                    m.property()
                        + " needs "
                        + m.placeholders().stream().collect(Collectors.joining(", "))
                        + ", which "
                        + (m.placeholders().size() == 1 ? "is" : "are")
                        + " not set")
            .collect(Collectors.joining("; "))
        + ".";
  }
}
