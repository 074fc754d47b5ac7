-- A business's contacts: one per phone number. The phone number is compared bytewise (collation "C") so the
-- unique index also serves phone-prefix searches.
create table contacts (
    id          uuid primary key,
    business_id uuid        not null references businesses (id) on delete cascade,
    phone       text collate "C" not null check (phone ~ '^\+[1-9][0-9]{7,14}$'),
    name        text check (name is null or length(name) between 1 and 120),
    email       text,
    tags        text[]      not null default '{}',
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    constraint contacts_business_phone_key unique (business_id, phone)
);
-- Lists page in the order contacts were added.
create index contacts_business_created_idx on contacts (business_id, created_at, id);
-- ?q= by name prefix, any case.
create index contacts_business_name_idx on contacts (business_id, lower(name) text_pattern_ops);
-- ?tag=
create index contacts_tags_idx on contacts using gin (tags);
