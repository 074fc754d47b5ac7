-- Inbound webhooks: what Meta tells us (delivery receipts, customers' messages), kept first and processed after.
--
-- webhook_events is the idempotency record: the unique key (platform, business, event key) makes a redelivered
-- webhook a no-op (the intake inserts with ON CONFLICT DO NOTHING and processes only the rows it inserted).
-- webhook_pending is the work queue: one small row per event not yet processed, whose process_after is also the
-- lease of whoever holds it, so an instance that dies mid-batch leaves nothing behind. Keeping the queue columns
-- out of webhook_events lets settling an event be a HOT update there (no index changes) plus a delete here.
create table webhook_events (
    id                  bigint generated always as identity primary key,
    platform            text        not null,
    business_id         uuid        not null references businesses (id) on delete cascade,
    device_id           uuid        not null references devices (id) on delete cascade,
    event_key           text        not null,
    kind                text        not null check (kind in ('receipt', 'message')),
    provider_message_id text        not null,
    -- receipt: our message id from biz_opaque_callback_data, when Meta echoed it.
    message_id          uuid,
    status              text check (status in ('sent', 'delivered', 'read', 'failed')),
    error               text,
    -- message: the customer and what they wrote (null for media and other kinds we do not read yet).
    contact             text check (contact ~ '^\+[1-9][0-9]{7,14}$'),
    message_type        text,
    body                text,
    profile_name        text,
    occurred_at         timestamptz not null,
    received_at         timestamptz not null default now(),
    processed_at        timestamptz,
    outcome             text,
    check ((kind = 'receipt') = (status is not null)),
    check (kind = 'receipt' or contact is not null),
    unique (platform, business_id, event_key)
) with (fillfactor = 85);
create index webhook_events_business_idx on webhook_events (business_id, received_at);
create index webhook_events_device_idx on webhook_events (device_id);

create table webhook_pending (
    event_id      bigint primary key references webhook_events (id) on delete cascade,
    process_after timestamptz not null,
    attempts      integer     not null default 0
);
create index webhook_pending_due_idx on webhook_pending (process_after);

-- Messages customers sent to a business's number.
create table inbound_messages (
    id                  uuid primary key,
    business_id         uuid        not null references businesses (id) on delete cascade,
    device_id           uuid        not null references devices (id) on delete cascade,
    provider_message_id text        not null,
    sender              text        not null check (sender ~ '^\+[1-9][0-9]{7,14}$'),
    message_type        text        not null,
    body                text,
    profile_name        text,
    sent_at             timestamptz not null,
    received_at         timestamptz not null default now(),
    unique (device_id, provider_message_id)
);
create index inbound_messages_business_idx on inbound_messages (business_id, sent_at);

-- The 24-hour customer-service window per (number, customer): free-form messages are allowed while
-- now < last_inbound_at + 24 h. Only ever moves forward (greatest()), whatever order messages are processed in.
create table customer_service_windows (
    device_id       uuid        not null references devices (id) on delete cascade,
    contact         text        not null check (contact ~ '^\+[1-9][0-9]{7,14}$'),
    business_id     uuid        not null references businesses (id) on delete cascade,
    last_inbound_at timestamptz not null,
    primary key (device_id, contact)
);
create index customer_service_windows_business_idx on customer_service_windows (business_id);

-- Receipts find their message by Meta's id.
create index messages_provider_idx on messages (provider_message_id) where provider_message_id is not null;

-- Alerts about devices (a number Meta stopped, a session logged out): kept for the dashboard, the API and webhooks.
create table device_alerts (
    id          bigint generated always as identity primary key,
    business_id uuid        not null references businesses (id) on delete cascade,
    device_id   uuid        not null references devices (id) on delete cascade,
    code        text        not null,
    reason      text,
    message     text        not null,
    raised_at   timestamptz not null
);
create index device_alerts_business_idx on device_alerts (business_id, raised_at);
create index device_alerts_device_idx on device_alerts (device_id, raised_at desc);
