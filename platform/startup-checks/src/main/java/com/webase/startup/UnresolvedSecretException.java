package com.webase.startup;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A process was about to start with secrets that are still {@code ${...}} placeholders. The message
 * names each property, where it was set and the placeholders nobody resolved; it holds no value.
 */
public class UnresolvedSecretException extends IllegalStateException {

  /**
   * One secret left unresolved.
   *
   * @param property the property's name, as Spring binds it (e.g. {@code
   *     webase.keycloak.client-secret})
   * @param source the property source it came from (e.g. {@code systemEnvironment}, or the
   *     configuration file)
   * @param placeholders the names inside the unresolved {@code ${...}} (the variables to set)
   */
  public record Unresolved(String property, String source, List<String> placeholders) {}

  private final List<Unresolved> unresolved;

  public UnresolvedSecretException(List<Unresolved> unresolved) {
    super(message(unresolved));
    this.unresolved = List.copyOf(unresolved);
  }

  public List<Unresolved> unresolved() {
    return unresolved;
  }

  private static String message(List<Unresolved> unresolved) {
    return "Refusing to start: "
        + (unresolved.size() == 1 ? "a secret is" : unresolved.size() + " secrets are")
        + " still an unresolved ${...} placeholder: "
        + unresolved.stream()
            .map(
                u ->
                    u.property()
                        + " (from "
                        + u.source()
                        + ", placeholder "
                        + u.placeholders().stream()
                            .map(name -> "${" + name + "}")
                            .collect(Collectors.joining(", "))
                        + ")")
            .collect(Collectors.joining("; "))
        + ". Give each its real value (the environment variable named in the placeholder, or the"
        + " property itself); a deployment that passes \"${VAR}\" through unexpanded starts the"
        + " process with that text as the secret.";
  }
}
