-- Tables every service needs from the platform kit. They carry version 0.x so that a service's
-- own migrations start at V1 in db/migration.

-- Transactional outbox: Spring Modulith's event publication registry (schema v2 for PostgreSQL,
-- as shipped in spring-modulith-events-jdbc 2.0). A row is written in the transaction of the
-- state change; it is sent to Kafka after commit and removed once the broker acknowledged it.
create table if not exists event_publication
(
  id                     uuid                     not null,
  listener_id            text                     not null,
  event_type             text                     not null,
  serialized_event       text                     not null,
  publication_date       timestamp with time zone not null,
  completion_date        timestamp with time zone,
  status                 text,
  completion_attempts    int,
  last_resubmission_date timestamp with time zone,
  primary key (id)
);
create index if not exists event_publication_serialized_event_hash_idx
  on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx
  on event_publication (completion_date);

-- Idempotent consumption: the ids of events a consumer has applied, written in the same
-- transaction as the effect, so a redelivered event is recognised and skipped.
create table processed_event
(
  consumer     text                     not null,
  event_id     text                     not null,
  event_type   text                     not null,
  processed_at timestamp with time zone not null default now(),
  primary key (consumer, event_id)
);
