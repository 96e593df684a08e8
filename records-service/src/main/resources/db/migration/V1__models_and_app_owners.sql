-- The local projection of apps-service's apps (AppCreated/AppDeleted): who owns each app. A
-- deleted app keeps its row, marked, so a late or redelivered AppCreated cannot bring it back.
create table app_owner
(
  app_id     text primary key,
  owner_id   text not null,
  deleted_at timestamp with time zone
);

-- A data model of an app. Its records live in a table of their own (table_name, r_<model id>),
-- one typed column per field; the columns are named c<N> from next_column, never from client
-- input (docs/decisions/0018-records-storage.md).
create table data_model
(
  id          uuid primary key,
  app_id      text                     not null,
  name        text                     not null,
  version     int                      not null,
  fields      jsonb                    not null,
  next_column int                      not null,
  table_name  text                     not null unique,
  created_at  timestamp with time zone not null,
  updated_at  timestamp with time zone not null,
  unique (app_id, name)
);

-- Every version a model had: its fields as they were, and who changed them.
create table data_model_version
(
  model_id   uuid                     not null references data_model (id) on delete cascade,
  version    int                      not null,
  fields     jsonb                    not null,
  changed_at timestamp with time zone not null,
  changed_by text                     not null,
  primary key (model_id, version)
);
