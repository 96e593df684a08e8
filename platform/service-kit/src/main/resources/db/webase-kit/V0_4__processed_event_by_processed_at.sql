-- The inbox's pruning (ProcessedEventPruning, decision 0032) deletes the oldest rows of
-- processed_event in batches: this index finds them without reading the table.
create index if not exists processed_event_by_processed_at on processed_event (processed_at);
