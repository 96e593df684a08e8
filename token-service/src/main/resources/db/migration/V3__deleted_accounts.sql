-- Accounts that account-service announced as deleted (AccountDeleted): no token is issued to them
-- again, even for a login token still valid for a few minutes (decision 0022).
create table deleted_account
(
  user_id    text primary key,
  deleted_at timestamptz not null
);
