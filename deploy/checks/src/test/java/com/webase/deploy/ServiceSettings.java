package com.webase.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment variables a process reads, with their defaults, taken from its configuration
 * files ({@code ${WEBASE_X:default}} placeholders), and which of them a deployment must set.
 */
final class ServiceSettings {

  static final List<String> PROCESSES =
      List.of(
          "gateway",
          "account-service",
          "token-service",
          "apps-service",
          "records-service",
          "notification-service");

  /**
   * Empty by default, and fine so: an unset AI key means the built-in refiner, no trusted proxy
   * means X-Forwarded-For is never believed, an SMTP relay may take mail without a login, and only
   * a development stack has a mailbox for the portal's footer to link.
   */
  static final Set<String> OPTIONAL =
      Set.of(
          "WEBASE_CHAT_AI_API_KEY",
          "WEBASE_CHAT_AI_BASE_URL",
          "WEBASE_CHAT_AI_MODEL",
          "WEBASE_TRUSTED_PROXIES",
          "WEBASE_SMTP_USER",
          "WEBASE_SMTP_PASSWORD",
          "WEBASE_DEV_MAILBOX_URL");

  /**
   * Defaults that are the local stack's, not a deployment's: the replication of the topics the
   * services declare, right for one broker only.
   */
  static final Set<String> LOCAL_DEFAULTS =
      Set.of("WEBASE_KAFKA_TOPIC_REPLICATION_FACTOR", "WEBASE_KAFKA_TOPIC_MIN_INSYNC_REPLICAS");

  private ServiceSettings() {}

  /** Every {@code WEBASE_*} variable the process reads, with its default ("" when none). */
  static Map<String, String> variablesOf(Path root, String process) throws IOException {
    Map<String, String> variables = new LinkedHashMap<>();
    if (!process.equals("gateway")) {
      read(
          root.resolve("platform/service-kit/src/main/resources/webase-kit-defaults.properties"),
          variables);
    }
    read(root.resolve(process + "/src/main/resources/application.yml"), variables);
    return variables;
  }

  /**
   * What a deployment must set for the process: every variable without a default, or whose default
   * points at this machine (localhost) or is otherwise only the local stack's.
   */
  static Set<String> requiredBy(Path root, String process) throws IOException {
    Set<String> required = new TreeSet<>();
    variablesOf(root, process)
        .forEach(
            (name, fallback) -> {
              if (OPTIONAL.contains(name)) {
                return;
              }
              if (fallback.isEmpty()
                  || fallback.contains("localhost")
                  || LOCAL_DEFAULTS.contains(name)) {
                required.add(name);
              }
            });
    return required;
  }

  private static void read(Path file, Map<String, String> into) throws IOException {
    String text = Files.readString(file);
    int at = 0;
    while ((at = text.indexOf("${WEBASE_", at)) >= 0) {
      int end = closingBrace(text, at + 1);
      String inside = text.substring(at + 2, end);
      int colon = inside.indexOf(':');
      String name = colon < 0 ? inside : inside.substring(0, colon);
      String fallback = colon < 0 ? "" : inside.substring(colon + 1);
      // a variable named by prefix (WEBASE_TOKENS_ENCRYPTION_KEYS_<id>) is a family, not one
      if (!name.endsWith("_")) {
        into.putIfAbsent(name, fallback);
      }
      at = end;
    }
  }

  /** The index of the '}' that closes the placeholder whose '{' is at {@code open}. */
  private static int closingBrace(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unclosed placeholder at " + open);
  }
}
