-- Mail for a person whose address is not known yet (decision 0014): a token-service event can
-- overtake account-service's AccountCreated. The mail waits here, unrendered (the greeting needs
-- the name that comes with the address), and moves to `email` once the address is known; after
-- `webase.notifications.mail.hold-for` without one it is dropped.
create table held_email
(
  event_id   uuid        not null,
  template   text        not null,
  account_id text        not null,
  preference text,
  model      jsonb       not null,
  held_at    timestamptz not null,
  primary key (event_id, template)
);

create index held_email_by_account on held_email (account_id);
create index held_email_by_age on held_email (held_at);
