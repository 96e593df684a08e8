package com.webase.account.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code account} table. Callers bring the transaction. */
@Repository
public class Accounts {

  private final JdbcClient jdbc;

  Accounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Account> find(String id) {
    return jdbc.sql("select * from account where id = ?").param(id).query(Account.class).optional();
  }

  /** The account, its row locked until the transaction ends. */
  public Optional<Account> lock(String id) {
    return jdbc.sql("select * from account where id = ? for update")
        .param(id)
        .query(Account.class)
        .optional();
  }

  /**
   * Inserts the account unless one with its id exists.
   *
   * @return whether this call created it (exactly one of concurrent callers does)
   */
  boolean insertIfAbsent(Account account) {
    return jdbc.sql(
                """
                insert into account (id, email, email_verified, name, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing
                """)
            .params(
                account.id(),
                account.email(),
                account.emailVerified(),
                account.name(),
                Timestamp.from(account.createdAt()),
                Timestamp.from(account.updatedAt()))
            .update()
        == 1;
  }

  public void updateName(String id, String name, Instant now) {
    jdbc.sql("update account set name = ?, updated_at = ? where id = ?")
        .params(name, Timestamp.from(now), id)
        .update();
  }

  public void updateEmail(String id, String email, Instant now) {
    jdbc.sql("update account set email = ?, email_verified = true, updated_at = ? where id = ?")
        .params(email, Timestamp.from(now), id)
        .update();
  }

  /** Whether an account other than {@code id} has this address, whatever its case. */
  public boolean emailUsedByAnother(String email, String id) {
    return jdbc.sql(
            "select exists(select 1 from account where lower(email) = lower(?) and id <> ?)")
        .params(email, id)
        .query(Boolean.class)
        .single();
  }

  /** Deletes the account and remembers that it was deleted. */
  public void delete(String id, Instant now) {
    jdbc.sql("delete from account where id = ?").param(id).update();
    jdbc.sql("insert into deleted_account (id, deleted_at) values (?, ?) on conflict do nothing")
        .params(id, Timestamp.from(now))
        .update();
  }

  boolean wasDeleted(String id) {
    return jdbc.sql("select exists(select 1 from deleted_account where id = ?)")
        .param(id)
        .query(Boolean.class)
        .single();
  }
}
