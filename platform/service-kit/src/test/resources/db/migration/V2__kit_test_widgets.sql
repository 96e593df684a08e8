-- What the kit test application's create endpoint makes: one row per request that did the work.
create table kit_widget
(
  id     uuid primary key,
  owner  text not null,
  name   text not null,
  secret text not null
);
