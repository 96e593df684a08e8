-- Who to write to: a projection of account-service's events (DESIGN §2: services keep what they
-- need locally instead of asking each other).
create table recipient
(
  account_id text primary key,
  email      text not null,
  name       text not null
);

-- Every email, from the moment an event asked for it: sent by the delivery loop with back-off
-- while the SMTP server is down, one row per (event, template) so a redelivered event never
-- sends twice. Bodies are dropped once sent (the verification link is a secret); the rest stays
-- as the record of what was sent.
create table email
(
  id              uuid primary key,
  event_id        uuid        not null,
  template        text        not null,
  account_id      text        not null,
  recipient       text        not null,
  subject         text        not null,
  html_body       text,
  text_body       text,
  status          text        not null check (status in ('pending', 'sent', 'failed')),
  attempts        int         not null default 0,
  next_attempt_at timestamptz not null,
  last_error      text,
  created_at      timestamptz not null,
  sent_at         timestamptz,
  unique (event_id, template)
);

create index email_due on email (next_attempt_at) where status = 'pending';
create index email_by_account on email (account_id, created_at desc);

-- In-app notifications, newest first per account.
create table notification
(
  id         uuid primary key,
  account_id text        not null,
  event_id   uuid        not null,
  kind       text        not null,
  title      text        not null,
  body       text        not null,
  link       text,
  created_at timestamptz not null,
  read_at    timestamptz,
  unique (event_id, kind)
);

create index notification_by_account on notification (account_id, created_at desc, id desc);

-- What a person chose to receive; security mail cannot be switched off (no column for it).
create table preference
(
  account_id    text primary key,
  welcome_email boolean not null
);
