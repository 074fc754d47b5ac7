-- Partner API: message lists page newest first by id (ids are time-ordered UUIDv7), and Idempotency-Key records.
create index messages_business_id_idx on messages (business_id, id);

-- One row per (API key, Idempotency-Key): the request's fingerprint and, once answered, the response to replay.
-- A row still 'pending' belongs to a request in flight; rows expire after a day (operations.md).
create table idempotency_keys (
    api_key_id      uuid        not null references api_keys (id) on delete cascade,
    idempotency_key text        not null check (length(idempotency_key) between 1 and 255),
    request_hash    text        not null,
    state           text        not null check (state in ('pending', 'done')),
    response_status integer,
    response_body   text,
    created_at      timestamptz not null default now(),
    primary key (api_key_id, idempotency_key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);

-- Every business-owned table can be read and purged per tenant by an index (TenancyStoresTest checks them all).
create index webhook_deliveries_business_idx on webhook_deliveries (business_id, created_at desc);

-- Retention: finished outbound deliveries are forgotten oldest first (RETENTION_DELIVERIES).
create index webhook_deliveries_finished_idx on webhook_deliveries (created_at) where status in ('delivered', 'dead');
