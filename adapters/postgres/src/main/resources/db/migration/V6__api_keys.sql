-- Partner API keys. The secret is never stored, only its SHA-256; the prefix is shown in lists and used to find
-- the key when it is presented. A key belongs to exactly one business or one reseller.
create table api_keys (
    id           uuid primary key,
    business_id  uuid references businesses (id) on delete cascade,
    reseller_id  uuid references resellers (id) on delete cascade,
    name         text        not null,
    prefix       text        not null unique check (prefix ~ '^[0-9A-Za-z]{12}$'),
    secret_hash  text        not null check (secret_hash ~ '^[0-9a-f]{64}$'),
    scopes       text[]      not null check (cardinality(scopes) > 0),
    created_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    check ((business_id is null) <> (reseller_id is null))
);
create index api_keys_business_idx on api_keys (business_id, created_at) where business_id is not null;
create index api_keys_reseller_idx on api_keys (reseller_id, created_at) where reseller_id is not null;
