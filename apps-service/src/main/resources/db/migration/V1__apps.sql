-- apps-service (DESIGN §7). Everything of an app hangs off its row; deleting an app only sets
-- deleted_at (it disappears from the API and the sites origin at once), and the purge erases the
-- row, and with it everything below, later.
create table app
(
  id               uuid primary key,
  owner_id         text        not null,
  name             text        not null,
  description      text        not null,
  slug             text        not null,
  site_name        text        not null,
  current_revision int         not null,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  deleted_at       timestamptz
);
create unique index app_slug_per_owner on app (owner_id, slug) where deleted_at is null;
create unique index app_site_name on app (site_name) where deleted_at is null;
create index app_by_owner on app (owner_id, created_at desc, id desc) where deleted_at is null;
create index app_deleted on app (deleted_at) where deleted_at is not null;

-- A site name is never given to another app, even after its app is deleted and erased: its links,
-- and whatever browsers keep for its origin (storage, service workers), stay with it.
create table retired_site_name
(
  site_name  text primary key,
  retired_at timestamptz not null
);

-- File contents, once per app and SHA-256 however many revisions point to them.
create table blob
(
  app_id  uuid  not null references app (id) on delete cascade,
  sha256  bytea not null,
  size    int   not null,
  content bytea not null,
  primary key (app_id, sha256)
);

-- Each state of an app's files: a manifest {path: {sha256, size, type}}, never a copy of files.
create table revision
(
  app_id     uuid        not null references app (id) on delete cascade,
  number     int         not null,
  manifest   jsonb       not null,
  file_count int         not null,
  total_size bigint      not null,
  source     text        not null check (source in ('api', 'chat')),
  summary    text        not null,
  created_at timestamptz not null,
  primary key (app_id, number)
);

create table chat_message
(
  id         uuid primary key,
  app_id     uuid        not null references app (id) on delete cascade,
  role       text        not null check (role in ('user', 'assistant')),
  content    text        not null,
  -- the revision the message produced (an assistant reply whose change applied)
  revision   int,
  -- an assistant reply: the user message it answers
  reply_to   uuid,
  created_at timestamptz not null
);
create index chat_message_by_app on chat_message (app_id, created_at desc, id desc);

create table evaluation
(
  id          uuid primary key,
  app_id      uuid        not null references app (id) on delete cascade,
  revision    int         not null,
  status      text        not null check (status in ('queued', 'running', 'passed', 'failed')),
  report      jsonb,
  queued_at   timestamptz not null,
  started_at  timestamptz,
  finished_at timestamptz
);
create index evaluation_by_app on evaluation (app_id, queued_at desc, id desc);

create table deployment
(
  id          uuid primary key,
  app_id      uuid        not null references app (id) on delete cascade,
  revision    int         not null,
  status      text        not null check (status in ('queued', 'building', 'live', 'failed', 'retired')),
  reason      text,
  created_at  timestamptz not null,
  started_at  timestamptz,
  finished_at timestamptz,
  live_since  timestamptz
);
-- one live deployment per app: replacing it is one transaction that retires the other
create unique index deployment_one_live_per_app on deployment (app_id) where status = 'live';
create index deployment_by_app on deployment (app_id, created_at desc, id desc);
