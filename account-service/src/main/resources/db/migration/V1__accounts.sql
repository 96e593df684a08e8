-- Accounts (DESIGN §5, §7). The id is the Keycloak user id (sub); Keycloak keeps the credentials,
-- this service keeps the profile the platform shows and the state of an email change.
create table account
(
  id             text primary key,
  email          text        not null,
  email_verified boolean     not null,
  name           text        not null,
  created_at     timestamptz not null,
  updated_at     timestamptz not null
);

-- one account per address, whatever its case
create unique index account_email_unique on account (lower(email));

-- A new address waiting for its link to be followed: at most one per account, a new request
-- replaces it. The secret is kept only as its SHA-256.
create table pending_email_change
(
  account_id   text primary key references account (id) on delete cascade,
  new_email    text        not null,
  secret_hash  bytea       not null unique,
  requested_at timestamptz not null,
  expires_at   timestamptz not null,
  last_sent_at timestamptz not null
);

-- Secrets that no longer work, so that a person who follows an old link learns why.
create table retired_email_secret
(
  secret_hash bytea primary key,
  account_id  text        not null,
  reason      text        not null check (reason in ('used', 'superseded', 'cancelled')),
  retired_at  timestamptz not null
);

create index retired_email_secret_by_account on retired_email_secret (account_id);

-- Every verification mail asked for, to limit how many an account can send (spam to strangers).
create table email_verification_sent
(
  account_id text        not null,
  sent_at    timestamptz not null
);

create index email_verification_sent_by_account on email_verification_sent (account_id, sent_at);

-- Wrong current passwords, for the per-account limit (DESIGN §5).
create table current_password_failure
(
  account_id text        not null,
  failed_at  timestamptz not null
);

create index current_password_failure_by_account on current_password_failure (account_id, failed_at);

-- The security activity a person sees in settings, newest first.
create table security_activity
(
  id          uuid primary key,
  account_id  text        not null,
  kind        text        not null,
  detail      text,
  occurred_at timestamptz not null,
  -- the event that reported it, when it came from another service: recorded once
  event_id    uuid unique
);

create index security_activity_by_account on security_activity (account_id, occurred_at desc, id desc);

-- Deleted accounts, so that a login token still alive for a few minutes cannot bring one back
-- just in time.
create table deleted_account
(
  id         text primary key,
  deleted_at timestamptz not null
);
