-- What the kit test application's create endpoint makes: one row per request that did the work.
create table kit_widget
(
  id     uuid primary key,
  owner  text not null,
  name   text not null,
  secret text not null
);

-- What the kit test application's prepared handler records: where its preparation ran.
create table kit_prepared_effect
(
  event_id                text primary key,
  prepared_in_transaction boolean not null,
  preparations            int     not null
);
