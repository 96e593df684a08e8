-- Idempotency-Key (DESIGN §7): the first answer to a POST or PATCH that carried the header, kept so
-- that a retry with the same key and body gets it again instead of doing the work twice. Neither
-- the key nor the answer is readable from this table: rows are found by a hash of caller and key,
-- and the answer is sealed with a key derived from them (IdempotentRequests).
create table idempotency_key
(
  id               bytea primary key,
  fingerprint      bytea       not null,
  state            text        not null check (state in ('in-flight', 'completed')),
  locked_until     timestamptz not null,
  response_status  int,
  response_sealed  bytea,
  created_at       timestamptz not null
);
create index idempotency_key_by_created_at on idempotency_key (created_at);
