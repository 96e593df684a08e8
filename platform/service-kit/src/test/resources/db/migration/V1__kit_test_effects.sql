-- The observable effect of the kit test application's event handler.
create table kit_effect
(
  event_id text primary key,
  name     text not null
);
