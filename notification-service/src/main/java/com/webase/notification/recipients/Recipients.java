package com.webase.notification.recipients;

import com.webase.events.account.AccountCreated;
import com.webase.events.account.AccountDeleted;
import com.webase.events.account.AccountEvent;
import com.webase.events.account.EmailChanged;
import com.webase.events.account.ProfileUpdated;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The addresses of people, kept from account-service's events (a local projection: DESIGN §2).
 * Callers bring the transaction — the inbox's, so the projection moves exactly once per event.
 */
@Repository
public class Recipients {

  private final JdbcClient jdbc;

  Recipients(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Recipient> find(String accountId) {
    return jdbc.sql("select account_id, email, name from recipient where account_id = ?")
        .param(accountId)
        .query(Recipient.class)
        .optional();
  }

  /** Moves the projection with one account event. */
  public void apply(AccountEvent event) {
    switch (event) {
      case AccountCreated created ->
          jdbc.sql(
                  """
                  insert into recipient (account_id, email, name) values (?, ?, ?)
                  on conflict (account_id) do update set email = excluded.email, name = excluded.name
                  """)
              .params(created.accountId(), created.email(), created.name())
              .update();
      case ProfileUpdated updated ->
          jdbc.sql("update recipient set name = ? where account_id = ?")
              .params(updated.name(), updated.accountId())
              .update();
      case EmailChanged changed ->
          jdbc.sql("update recipient set email = ? where account_id = ?")
              .params(changed.newEmail(), changed.accountId())
              .update();
      case AccountDeleted deleted ->
          jdbc.sql("delete from recipient where account_id = ?")
              .param(deleted.accountId())
              .update();
      default -> {
        // requests and password changes do not move the address book
      }
    }
  }
}
