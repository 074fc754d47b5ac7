-- Tenancy: operator -> resellers -> businesses -> devices; users scoped by role.
-- Every row a business owns carries business_id, indexed, and every query of the application names it.

create table operator (
    singleton     boolean primary key default true check (singleton),
    platform_name text        not null,
    contact_email text        not null,
    updated_at    timestamptz not null default now()
);

create table resellers (
    id             uuid primary key,
    name           text        not null,
    slug           text        not null unique,
    display_name   text        not null,
    logo_url       text,
    primary_colour text        not null check (primary_colour ~ '^#[0-9a-f]{6}$'),
    support_email  text        not null,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

-- A custom domain picks exactly one reseller: the primary key makes a domain impossible to share.
create table reseller_domains (
    host        text primary key,
    reseller_id uuid not null references resellers (id) on delete cascade
);
create index reseller_domains_reseller_idx on reseller_domains (reseller_id);

create table businesses (
    id          uuid primary key,
    reseller_id uuid        not null references resellers (id),
    name        text        not null,
    time_zone   text        not null,
    status      text        not null default 'active' check (status in ('active', 'suspended')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index businesses_reseller_idx on businesses (reseller_id);

create table users (
    id            uuid primary key,
    email         text        not null unique check (email = lower(email)),
    password_hash text        not null,
    role          text        not null check (role in ('operator', 'reseller_admin', 'business_user')),
    reseller_id   uuid references resellers (id),
    business_id   uuid references businesses (id),
    created_at    timestamptz not null default now(),
    -- The same rule as the domain's User record, so no other writer can store a user without a clear scope.
    constraint users_scope_matches_role check (
        (role = 'operator' and reseller_id is null and business_id is null)
        or (role = 'reseller_admin' and reseller_id is not null and business_id is null)
        or (role = 'business_user' and reseller_id is not null and business_id is not null))
);
create index users_reseller_idx on users (reseller_id) where reseller_id is not null;
create index users_business_idx on users (business_id) where business_id is not null;

create table devices (
    id            uuid primary key,
    business_id   uuid        not null references businesses (id) on delete cascade,
    channel       text        not null check (channel in ('web', 'cloud', 'simulator')),
    phone_number  text check (phone_number ~ '^\+[1-9][0-9]{7,14}$'),
    label         text        not null,
    session_state text        not null default 'cold' check (session_state in ('cold', 'connecting', 'hot', 'backoff')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index devices_business_idx on devices (business_id);
