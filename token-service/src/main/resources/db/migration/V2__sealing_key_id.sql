-- Which encryption key sealed each stored token, so that keys can be rotated (decision 0023). Every
-- row sealed so far used the one configured secret, which is the key 'k1' from now on.
alter table api_token add column key_id text;
update api_token set key_id = 'k1';
alter table api_token alter column key_id set not null;

-- the re-encryption job looks for rows sealed with another key than the current one
create index api_token_by_key on api_token (key_id, id);
