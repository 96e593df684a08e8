package com.webase.notification.notices;

import java.util.Map;

/** What an event turns into: an email, an in-app notification, or both. */
public sealed interface Notice {

  /**
   * An email from a template ({@code mail/<template>.{txt,html}.mustache}).
   *
   * @param accountId whose email it is (for the record and the preferences)
   * @param to the address; null for the account's current address, which also puts the person's
   *     name into the model as {@code name}. A mail to an address not known yet waits for it.
   * @param preference the preference that may switch it off, or null for security mail, which
   *     always goes out
   * @param model the values the template shows; every one is escaped in the HTML part. Strings only
   *     in a mail to the account's address: it may wait for the address as JSON
   */
  record Email(
      String template, String accountId, String to, String preference, Map<String, Object> model)
      implements Notice {

    /** A mail to the account's current address, greeting the person by name. */
    public static Email toAccount(
        String template, String accountId, String preference, Map<String, Object> model) {
      return new Email(template, accountId, null, preference, model);
    }
  }

  /** An entry in the person's notification list. */
  record InApp(String accountId, String kind, String title, String body, String link)
      implements Notice {}
}
