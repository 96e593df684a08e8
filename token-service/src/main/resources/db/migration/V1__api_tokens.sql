-- API tokens (DESIGN §5). The token itself is never stored: its SHA-256 serves look-ups and an
-- AES-GCM ciphertext lets the owner see it again in settings.
create table api_token
(
  id           uuid primary key,
  user_id      text        not null,
  kind         text        not null check (kind in ('default', 'named')),
  name         text        not null,
  token_hash   bytea       not null unique,
  token_sealed bytea       not null,
  last_four    text        not null,
  scopes       text[]      not null,
  created_at   timestamptz not null,
  expires_at   timestamptz,
  -- a default token that was regenerated: no longer the one shown in settings
  replaced_at  timestamptz,
  -- when the token stops working; later than replaced_at during a grace period
  revoked_at   timestamptz,
  last_used_at timestamptz
);

-- every account has at most one current default token, even under concurrent first requests
create unique index one_current_default_token_per_user
  on api_token (user_id) where kind = 'default' and replaced_at is null;

create index api_token_by_user on api_token (user_id, created_at desc, id desc);
