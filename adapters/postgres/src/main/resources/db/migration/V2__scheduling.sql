-- Scheduling: messages (the truth about every send), recurring schedules, and the hot-set sticky budget.
-- shard_partition is QueuePartition.of(business_id), 0..99, computed by the application (a SplitMix64 hash that
-- SQL does not have); a worker shard reads only its partitions.

create table recurring_schedules (
    id              uuid primary key,
    business_id     uuid        not null references businesses (id) on delete cascade,
    device_id       uuid        not null references devices (id) on delete cascade,
    shard_partition smallint    not null check (shard_partition between 0 and 99),
    recipient       text        not null check (recipient ~ '^\+[1-9][0-9]{7,14}$'),
    body            text        not null,
    rule_kind       text        not null check (rule_kind in ('cron', 'rrule')),
    rule            text        not null,
    time_zone       text        not null,
    starts_local    timestamp   not null,
    paused          boolean     not null default false,
    next_at         timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index recurring_schedules_business_idx on recurring_schedules (business_id, created_at);
create index recurring_schedules_device_idx on recurring_schedules (device_id);
create index recurring_schedules_due_idx on recurring_schedules (next_at) where not paused and next_at is not null;

create table messages (
    id                  uuid primary key,
    business_id         uuid        not null references businesses (id) on delete cascade,
    device_id           uuid        not null references devices (id) on delete cascade,
    shard_partition     smallint    not null check (shard_partition between 0 and 99),
    recipient           text        not null check (recipient ~ '^\+[1-9][0-9]{7,14}$'),
    body                text        not null,
    due_at              timestamptz not null,
    status              text        not null check (status in
                            ('scheduled', 'sending', 'sent', 'delivered', 'read', 'failed', 'cancelled')),
    attempts            integer     not null default 0 check (attempts >= 0),
    last_error          text,
    provider_message_id text,
    schedule_id         uuid references recurring_schedules (id) on delete set null,
    occurrence_at       timestamptz,
    claimed_at          timestamptz,
    sent_at             timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    check (status <> 'sending' or claimed_at is not null)
);
create index messages_business_idx on messages (business_id, due_at);
create index messages_device_idx on messages (device_id);
-- Reconcile walks pending rows in id order (uuids sort as unsigned bytes); the index is as small as the backlog.
create index messages_pending_idx on messages (id) where status = 'scheduled';
create index messages_sending_idx on messages (claimed_at) where status = 'sending';
-- One message per occurrence of a recurring schedule, however often materialisation runs.
create unique index messages_occurrence_idx on messages (schedule_id, occurrence_at) where schedule_id is not null;

-- Sticky HOT budget: connected time a freshly linked device may stay online without sends.
alter table devices
    add column first_linked_at     timestamptz,
    add column sticky_remaining_ms bigint not null default 0 check (sticky_remaining_ms >= 0),
    add column sticky_active_since timestamptz;

-- What is left of a sticky budget at a given instant: the stored remainder, minus the time burned since the
-- device went HOT. Nothing ever decrements a counter in the background.
create function sticky_remaining_ms(remaining bigint, active_since timestamptz, at timestamptz)
    returns bigint language sql immutable as
$$
select greatest(0, remaining - case
                                   when active_since is null then 0
                                   else floor(extract(epoch from (at - active_since)) * 1000)::bigint
                               end)
$$;
