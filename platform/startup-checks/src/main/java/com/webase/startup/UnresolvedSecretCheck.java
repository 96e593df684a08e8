package com.webase.startup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Refuses to start a process while one of its secrets is still an unresolved {@code ${...}}
 * placeholder: an environment variable that a deployment passed through unexpanded (a Compose or
 * Kubernetes manifest that quotes {@code ${WEBASE_X}} literally), or a placeholder whose variable
 * nobody set. Left alone, such a value starts the process with the placeholder's own text as the
 * secret: {@code ${WEBASE_TOKEN_ENCRYPTION_SECRET}} is 33 characters, long enough to pass
 * token-service's own check and seal every API token with a key anyone can read here.
 *
 * <p>A secret is any property whose last name element ends in one of {@link #SECRET_WORDS}, or an
 * entry of a map named in {@link #SECRET_MAPS} ({@code webase.tokens.encryption.keys.k2}, {@code
 * webase.keycloak.client-secret}, {@code spring.datasource.password}, {@code
 * webase.apps.chat.ai.api-key}, {@code webase.tokens.signing.jwk-set}, and an environment variable
 * such as {@code WEBASE_TOKEN_ENCRYPTION_SECRET} itself). Its effective value is resolved as Spring
 * would resolve it; if a {@code ${...}} remains, or it refers to itself, the process stops with
 * {@link UnresolvedSecretException}, which names the property, where it was set and the
 * placeholders that are missing, and never any part of the value beyond those names.
 *
 * <p>Runs after the configuration files are loaded and before anything uses them.
 */
public class UnresolvedSecretCheck implements EnvironmentPostProcessor, Ordered {

  /** Last name elements (in Spring's dashed form) that mark a property as a secret. */
  static final Set<String> SECRET_WORDS =
      Set.of("secret", "password", "passphrase", "key", "jwk-set", "jwks", "credentials", "token");

  /** Names of maps whose every entry is a secret ({@code webase.tokens.encryption.keys.<id>}). */
  static final Set<String> SECRET_MAPS = Set.of("keys", "secrets", "passwords", "credentials");

  /** {@code ${NAME}} or {@code ${NAME:default}}; only NAME is ever reported. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-\\[\\]]*)");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    List<UnresolvedSecretException.Unresolved> unresolved = find(environment);
    if (!unresolved.isEmpty()) {
      throw new UnresolvedSecretException(unresolved);
    }
  }

  /** Every secret of {@code environment} whose effective value still holds a placeholder. */
  static List<UnresolvedSecretException.Unresolved> find(ConfigurableEnvironment environment) {
    Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
    Set<ConfigurationPropertyName> secrets = new LinkedHashSet<>();
    for (ConfigurationPropertySource source : sources) {
      if (source instanceof IterableConfigurationPropertySource iterable) {
        iterable.stream().filter(UnresolvedSecretCheck::namesASecret).forEach(secrets::add);
      }
    }
    // a name's value in effect is that of the first source that has it, under any of its forms
    // (WEBASE_KEYCLOAK_CLIENTSECRET for webase.keycloak.client-secret)
    Map<ConfigurationPropertyName, ConfigurationProperty> effective = new LinkedHashMap<>();
    for (ConfigurationPropertyName name : secrets) {
      for (ConfigurationPropertySource source : sources) {
        ConfigurationProperty property = source.getConfigurationProperty(name);
        if (property != null) {
          effective.putIfAbsent(name, property);
          break;
        }
      }
    }
    List<UnresolvedSecretException.Unresolved> found = new ArrayList<>();
    effective.forEach(
        (name, property) -> {
          if (!(property.getValue() instanceof CharSequence raw)) {
            return;
          }
          String value = raw.toString();
          String resolved;
          try {
            resolved = environment.resolvePlaceholders(value);
          } catch (IllegalArgumentException circular) {
            // a variable whose value is its own placeholder: ${X} set to "${X}"
            resolved = value;
          }
          Set<String> missing = placeholderNames(resolved);
          if (!missing.isEmpty()) {
            found.add(
                new UnresolvedSecretException.Unresolved(
                    name.toString(), sourceOf(property), List.copyOf(missing)));
          }
        });
    return found;
  }

  static boolean namesASecret(ConfigurationPropertyName name) {
    if (name.isEmpty()) {
      return false;
    }
    // compared without dashes: an environment variable's name has none (CLIENTSECRET)
    String last = name.getLastElement(ConfigurationPropertyName.Form.UNIFORM);
    if (SECRET_WORDS.stream().anyMatch(word -> last.endsWith(word.replace("-", "")))) {
      return true;
    }
    // an entry of a map of secrets: webase.tokens.encryption.keys.k2
    for (int i = 0; i < name.getNumberOfElements() - 1; i++) {
      if (SECRET_MAPS.contains(name.getElement(i, ConfigurationPropertyName.Form.UNIFORM))) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> placeholderNames(String value) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(value);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static String sourceOf(ConfigurationProperty property) {
    Object underlying =
        property.getSource() == null ? null : property.getSource().getUnderlyingSource();
    return underlying instanceof PropertySource<?> source
        ? source.getName()
        : String.valueOf(underlying);
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
