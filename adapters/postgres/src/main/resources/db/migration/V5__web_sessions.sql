-- WhatsApp Web credentials: one row per Web device, never files on a server, so a session can be resumed anywhere.
-- keys and store are the driver's own encoding (format names it: Cobalt 0.0.10 writes protobuf); bytea rather than
-- jsonb because the bytes are opaque to SQL and base64 inside JSON would only make them a third larger.
-- session_id changes with every pairing: a write naming an older session (a replaced pairing, a session still
-- closing) matches no row. Deleting the device deletes its credentials. Stored as given for now, like the Cloud API
-- secrets; envelope encryption comes with the crypto work.
create table web_sessions (
    device_id   uuid primary key references devices (id) on delete cascade,
    business_id uuid        not null references businesses (id) on delete cascade,
    session_id  uuid        not null unique,
    format      text        not null check (format ~ '^[a-z0-9][a-z0-9.-]{0,39}$'),
    link        text        not null default 'pairing' check (link in ('pairing', 'linked', 'logged_out')),
    keys        bytea,
    store       bytea,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint web_sessions_logged_out_has_no_keys check (link <> 'logged_out' or (keys is null and store is null))
);
create index web_sessions_business_idx on web_sessions (business_id);
