-- Outbound webhooks of the partner API: subscriptions, and an outbox of deliveries (one row per event and
-- subscription that wants it).
--
-- The outbox rows are written by triggers, in the same transaction as the change they report, so an event can be
-- neither lost (the change committed, the event not) nor invented (the event committed, the change rolled back),
-- whichever code path made the change. A row trigger with a WHEN clause costs nothing for rows that are not a
-- reportable change; for one that is, it is one probe of webhook_subscriptions_business_idx, which finds nothing
-- for a business without subscriptions (the event's data is only built for subscriptions that want it).

create table webhook_subscriptions (
    id          uuid primary key,
    business_id uuid        not null references businesses (id) on delete cascade,
    url         text        not null check (url ~ '^https?://'),
    events      text[]      not null check (cardinality(events) > 0),
    description text,
    -- In the clear because signing needs it back (a hash would not do). Encryption at rest is a later step.
    secret      text        not null check (secret like 'whsec\_%'),
    created_at  timestamptz not null
);
create index webhook_subscriptions_business_idx on webhook_subscriptions (business_id, created_at desc, id desc);

create table webhook_deliveries (
    id               uuid primary key,
    subscription_id  uuid        not null references webhook_subscriptions (id) on delete cascade,
    business_id      uuid        not null,
    event            text        not null,
    data             jsonb       not null,
    status           text        not null default 'pending'
                         check (status in ('pending', 'delivered', 'failed', 'dead')),
    attempts         integer     not null default 0 check (attempts >= 0),
    last_status_code integer,
    last_error       text,
    -- When the next try is due; also the lease of an instance trying it now. Null once delivered or dead.
    next_attempt_at  timestamptz,
    created_at       timestamptz not null default clock_timestamp(),
    delivered_at     timestamptz,
    check ((status in ('pending', 'failed')) = (next_attempt_at is not null)),
    check ((status = 'delivered') = (delivered_at is not null))
);
create index webhook_deliveries_subscription_idx on webhook_deliveries (subscription_id, created_at desc, id desc);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status in ('pending', 'failed');

-- One outbox row per subscription of the business that wants the event.
create function webhook_outbox(p_business uuid, p_event text, p_data jsonb) returns void
    language sql volatile as
$$
insert into webhook_deliveries (id, subscription_id, business_id, event, data, next_attempt_at)
select gen_random_uuid(), s.id, s.business_id, p_event, p_data, clock_timestamp()
from webhook_subscriptions s
where s.business_id = p_business and p_event = any (s.events)
$$;

-- A message of ours reached sent, delivered, read or failed.
create function messages_webhook_outbox() returns trigger
    language plpgsql as
$$
begin
    if exists (select 1 from webhook_subscriptions s
               where s.business_id = new.business_id and ('message.' || new.status) = any (s.events)) then
        perform webhook_outbox(new.business_id, 'message.' || new.status, jsonb_strip_nulls(jsonb_build_object(
                'messageId', new.id,
                'deviceId', new.device_id,
                'to', new.recipient,
                'status', new.status,
                'providerMessageId', new.provider_message_id,
                'error', case when new.status = 'failed' then new.last_error end)));
    end if;
    return null;
end
$$;
create trigger messages_webhook_outbox
    after update of status on messages
    for each row
    when (old.status is distinct from new.status and new.status in ('sent', 'delivered', 'read', 'failed'))
execute function messages_webhook_outbox();

-- A customer wrote to one of the business's numbers.
create function inbound_messages_webhook_outbox() returns trigger
    language plpgsql as
$$
begin
    if exists (select 1 from webhook_subscriptions s
               where s.business_id = new.business_id and 'message.received' = any (s.events)) then
        perform webhook_outbox(new.business_id, 'message.received', jsonb_strip_nulls(jsonb_build_object(
                'messageId', new.id,
                'deviceId', new.device_id,
                'from', new.sender,
                'type', new.message_type,
                'body', new.body,
                'profileName', new.profile_name,
                'wamid', new.provider_message_id,
                'sentAt', new.sent_at)));
    end if;
    return null;
end
$$;
create trigger inbound_messages_webhook_outbox
    after insert on inbound_messages
    for each row
execute function inbound_messages_webhook_outbox();

-- A device's session state changed.
create function devices_webhook_outbox() returns trigger
    language plpgsql as
$$
begin
    if exists (select 1 from webhook_subscriptions s
               where s.business_id = new.business_id and 'device.state_changed' = any (s.events)) then
        perform webhook_outbox(new.business_id, 'device.state_changed', jsonb_build_object(
                'deviceId', new.id,
                'state', new.session_state,
                'previousState', old.session_state));
    end if;
    return null;
end
$$;
create trigger devices_webhook_outbox
    after update of session_state on devices
    for each row
    when (old.session_state is distinct from new.session_state)
execute function devices_webhook_outbox();
