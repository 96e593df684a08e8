-- Sent and given-up mails are kept for `webase.notifications.mail.keep-for` (90 days), then
-- deleted by EmailRetention; this index finds them without reading the whole table.
create index email_settled_by_age on email (created_at) where status <> 'pending';
