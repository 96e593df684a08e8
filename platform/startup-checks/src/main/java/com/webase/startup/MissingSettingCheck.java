package com.webase.startup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Refuses to start a process while a setting of its configuration files names a {@code ${...}} that
 * nothing resolves — a required environment variable nobody set, such as {@code WEBASE_DB_HOST} in
 * the kit's {@code spring.datasource.url}. Left alone, Spring binds such a value with the
 * placeholder's text in it, and the process fails later and far away (a JDBC URL that cannot be
 * parsed, a connection refused), or, with a fallback, talks to the wrong server without a word. The
 * process stops instead with {@link MissingSettingException}: one line naming the setting and the
 * variables to set.
 *
 * <p>Checked when the context refreshes, before any bean is made, so that every source of settings
 * (including those a test adds to the context) is in place. Only the settings of configuration
 * files (the process's {@code application.yml} and the kit's defaults) are checked, each by its
 * value in effect: a setting overridden by the environment is fine.
 */
public class MissingSettingCheck
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** {@code ${NAME}} or {@code ${NAME:default}}; only NAME is ever reported. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-\\[\\]]*)");

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context.addBeanFactoryPostProcessor(new Check(context.getEnvironment()));
  }

  /** Every setting of a configuration file whose value in effect still holds a placeholder. */
  static List<MissingSettingException.Missing> find(ConfigurableEnvironment environment) {
    Map<String, String> effective = new LinkedHashMap<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> enumerable && isConfigurationFile(source)) {
        for (String name : enumerable.getPropertyNames()) {
          effective.putIfAbsent(name, null);
        }
      }
    }
    List<MissingSettingException.Missing> missing = new ArrayList<>();
    for (String name : effective.keySet()) {
      Object raw = rawValue(environment, name);
      if (!(raw instanceof CharSequence text)) {
        continue;
      }
      String resolved;
      try {
        // lenient: what resolves is replaced, what does not is left as ${NAME}
        resolved = environment.resolvePlaceholders(text.toString());
      } catch (IllegalArgumentException circular) {
        resolved = text.toString();
      }
      Set<String> names = placeholderNames(resolved);
      if (!names.isEmpty()) {
        missing.add(new MissingSettingException.Missing(name, List.copyOf(names)));
      }
    }
    return missing;
  }

  /** The value in effect before placeholders are resolved: that of the first source with it. */
  private static Object rawValue(ConfigurableEnvironment environment, String name) {
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source.containsProperty(name)) {
        return source.getProperty(name);
      }
    }
    return null;
  }

  /** Boot's configuration files ("Config resource …") and the kit's defaults. */
  private static boolean isConfigurationFile(PropertySource<?> source) {
    return source.getName().startsWith("Config resource") || source.getName().startsWith("webase-");
  }

  private static Set<String> placeholderNames(String value) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(value);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private record Check(ConfigurableEnvironment environment)
      implements BeanDefinitionRegistryPostProcessor, PriorityOrdered {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
      List<MissingSettingException.Missing> missing = find(environment);
      if (!missing.isEmpty()) {
        throw new MissingSettingException(missing);
      }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

    @Override
    public int getOrder() {
      return HIGHEST_PRECEDENCE;
    }
  }
}
