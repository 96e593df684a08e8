-- The kit's own transactional outbox (decision 0017), replacing Spring Modulith's publication
-- registry (event_publication, kept until its last rows are drained; see LegacyOutboxDrain).
-- A row is written in the transaction of the state change, holding the Kafka record as it will be
-- sent; it is deleted once the broker acknowledged it. claimed_until is when a row not yet
-- acknowledged may be sent again: by the sweeper of any instance, after a crash or a failed send.
create table outbox_event
(
  id            uuid primary key,
  topic         text        not null,
  event_key     text        not null,
  headers       text        not null,
  payload       bytea       not null,
  created_at    timestamptz not null,
  claimed_until timestamptz not null,
  attempts      int         not null default 1,
  -- set when Kafka refused the record for good (too large, invalid): never sent again by itself
  parked_at     timestamptz,
  parked_reason text
);
create index outbox_event_due on outbox_event (claimed_until) where parked_at is null;
create index outbox_event_by_created_at on outbox_event (created_at);
