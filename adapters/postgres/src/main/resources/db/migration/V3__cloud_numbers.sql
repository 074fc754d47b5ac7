-- Meta Cloud API numbers: one row per Cloud device, with the secrets Sendline needs to send and to verify webhooks.
-- The secrets are stored as given for now; envelope encryption (Tink) comes with the crypto work, and no query,
-- log line or error ever prints them.
create table cloud_numbers (
    device_id       uuid primary key references devices (id) on delete cascade,
    business_id     uuid        not null references businesses (id) on delete cascade,
    phone_number_id text        not null unique check (phone_number_id ~ '^[0-9]{5,30}$'),
    display_number  text        not null check (display_number ~ '^\+[1-9][0-9]{7,14}$'),
    access_token    text        not null,
    app_secret      text        not null,
    verify_token    text        not null,
    created_at      timestamptz not null default now()
);
create index cloud_numbers_business_idx on cloud_numbers (business_id);
