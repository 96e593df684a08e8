package com.webase.notification.preferences;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a person chose to receive. Only mail that is not about security can be switched off (today:
 * the welcome mail); security mail has no switch.
 */
@Repository
public class Preferences {

  /** A person's choices; the defaults until they make one. */
  public record Choices(boolean welcomeEmail) {
    static final Choices DEFAULTS = new Choices(true);

    /** Whether the mail governed by {@code preference} (null: security mail) may go out. */
    public boolean allows(String preference) {
      return preference == null || !"welcomeEmail".equals(preference) || welcomeEmail;
    }
  }

  private final JdbcClient jdbc;

  Preferences(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Choices of(String accountId) {
    return jdbc.sql("select welcome_email from preference where account_id = ?")
        .param(accountId)
        .query(Choices.class)
        .optional()
        .orElse(Choices.DEFAULTS);
  }

  void save(String accountId, Choices choices) {
    jdbc.sql(
            """
            insert into preference (account_id, welcome_email) values (?, ?)
            on conflict (account_id) do update set welcome_email = excluded.welcome_email
            """)
        .params(accountId, choices.welcomeEmail())
        .update();
  }

  public void delete(String accountId) {
    jdbc.sql("delete from preference where account_id = ?").param(accountId).update();
  }
}
