package com.sendline.adapters.postgres;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.inbound.DeliveryReceipt;
import com.sendline.domain.inbound.InboundEvent;
import com.sendline.domain.inbound.InboundEvents;
import com.sendline.domain.inbound.InboundPayload;
import com.sendline.domain.inbound.IncomingMessage;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.tenancy.BusinessId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The inbox in {@code webhook_events}. {@link #record} is one INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING
 * however many events it gets, so a webhook's cost in the database is one statement shared with whatever other
 * webhooks arrived at the same moment.
 */
public final class PostgresInboundEvents implements InboundEvents {
    private static final String COLUMNS = "id, platform, business_id, device_id, kind, provider_message_id, message_id, "
            + "status, error, contact, message_type, body, profile_name, occurred_at";

    private final Database db;

    public PostgresInboundEvents(Database db) {
        this.db = db;
    }

    @Override
    public List<StoredInboundEvent> record(List<InboundEvent> events, Instant processAfter) {
        if (events.isEmpty()) {
            return List.of();
        }
        int n = events.size();
        String[] platforms = new String[n];
        UUID[] businesses = new UUID[n];
        UUID[] devices = new UUID[n];
        String[] keys = new String[n];
        String[] kinds = new String[n];
        String[] providerIds = new String[n];
        UUID[] messageIds = new UUID[n];
        String[] statuses = new String[n];
        String[] errors = new String[n];
        String[] contacts = new String[n];
        String[] types = new String[n];
        String[] bodies = new String[n];
        String[] names = new String[n];
        Timestamp[] occurred = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            InboundEvent e = events.get(i);
            platforms[i] = e.platform();
            businesses[i] = e.business().value();
            devices[i] = e.device().value();
            keys[i] = e.idempotencyKey();
            providerIds[i] = e.payload().providerMessageId();
            switch (e.payload()) {
                case DeliveryReceipt r -> {
                    kinds[i] = "receipt";
                    messageIds[i] = r.callbackId().map(MessageId::value).orElse(null);
                    statuses[i] = r.status().name().toLowerCase(Locale.ROOT);
                    errors[i] = r.error();
                    occurred[i] = Timestamp.from(r.at());
                }
                case IncomingMessage m -> {
                    kinds[i] = "message";
                    contacts[i] = m.from().e164();
                    types[i] = m.type();
                    bodies[i] = m.text();
                    names[i] = m.profileName();
                    occurred[i] = Timestamp.from(m.at());
                }
            }
        }
        Map<String, InboundEvent> byKey = new HashMap<>(n * 2);
        for (InboundEvent e : events) {
            byKey.putIfAbsent(e.platform() + "|" + e.business().value() + "|" + e.idempotencyKey(), e);
        }
        List<StoredInboundEvent> stored = db.write().list("""
                with kept as (
                insert into webhook_events (platform, business_id, device_id, event_key, kind, provider_message_id,
                                            message_id, status, error, contact, message_type, body, profile_name,
                                            occurred_at)
                select u.platform, u.business_id, u.device_id, u.event_key, u.kind, u.provider_message_id,
                       u.message_id, u.status, u.error, u.contact, u.message_type, u.body, u.profile_name, u.occurred_at
                from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    as u(platform, business_id, device_id, event_key, kind, provider_message_id, message_id, status,
                         error, contact, message_type, body, profile_name, occurred_at)
                -- A device removed a moment ago (or another business's device) drops its events here instead of
                -- failing the statement, and with it every other webhook that shares it.
                join devices d on d.id = u.device_id and d.business_id = u.business_id
                -- Rows in unique-key order: two statements inserting overlapping keys (a redelivery racing its
                -- original) then wait for each other instead of deadlocking. A message's receipts may so be
                -- processed out of arrival order, which the forward-only status rule makes harmless.
                order by u.platform, u.business_id, u.event_key
                on conflict (platform, business_id, event_key) do nothing
                returning id, platform, business_id, event_key),
                queued as (insert into webhook_pending (event_id, process_after) select id, ? from kept)
                select id, platform, business_id, event_key from kept
                """, ps -> {
            var c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("text", platforms));
            ps.setArray(2, c.createArrayOf("uuid", businesses));
            ps.setArray(3, c.createArrayOf("uuid", devices));
            ps.setArray(4, c.createArrayOf("text", keys));
            ps.setArray(5, c.createArrayOf("text", kinds));
            ps.setArray(6, c.createArrayOf("text", providerIds));
            ps.setArray(7, c.createArrayOf("uuid", messageIds));
            ps.setArray(8, c.createArrayOf("text", statuses));
            ps.setArray(9, c.createArrayOf("text", errors));
            ps.setArray(10, c.createArrayOf("text", contacts));
            ps.setArray(11, c.createArrayOf("text", types));
            ps.setArray(12, c.createArrayOf("text", bodies));
            ps.setArray(13, c.createArrayOf("text", names));
            ps.setArray(14, c.createArrayOf("timestamptz", occurred));
            ps.setTimestamp(15, Timestamp.from(processAfter));
        }, rs -> new StoredInboundEvent(rs.getLong(1), byKey.get(rs.getString(2) + "|"
                + rs.getObject(3, UUID.class) + "|" + rs.getString(4)), 0));
        List<StoredInboundEvent> ordered = new java.util.ArrayList<>(stored);
        ordered.sort(java.util.Comparator.comparingLong(StoredInboundEvent::id));
        return ordered;
    }

    @Override
    public List<StoredInboundEvent> claim(Instant now, Duration lease, int limit) {
        List<StoredInboundEvent> claimed = new java.util.ArrayList<>(claimRows(now, lease, limit));
        // In the order they were stored (RETURNING keeps no order).
        claimed.sort(java.util.Comparator.comparingLong(StoredInboundEvent::id));
        return claimed;
    }

    private List<StoredInboundEvent> claimRows(Instant now, Duration lease, int limit) {
        return db.write().list("""
                with claimed as (
                    update webhook_pending p set process_after = ?, attempts = p.attempts + 1
                    from (select event_id from webhook_pending where process_after <= ?
                          order by process_after, event_id limit ? for update skip locked) c
                    where p.event_id = c.event_id
                    returning p.event_id, p.attempts)
                select %s, c.attempts from claimed c join webhook_events e on e.id = c.event_id
                """.formatted(prefixed()), ps -> {
            ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, limit);
        }, PostgresInboundEvents::map);
    }

    @Override
    public void settle(Collection<Settlement> settlements) {
        if (settlements.isEmpty()) {
            return;
        }
        int n = settlements.size();
        Long[] ids = new Long[n];
        String[] outcomes = new String[n];
        Timestamp[] retries = new Timestamp[n];
        int i = 0;
        for (Settlement s : settlements) {
            ids[i] = s.id();
            outcomes[i] = s.outcome();
            retries[i] = s.retryAt() == null ? null : Timestamp.from(s.retryAt());
            i++;
        }
        // Done: the queue row goes and the event gets its outcome (a HOT update: no indexed column changes).
        // To retry: the queue row moves to its retry instant.
        db.write().update("""
                with s as (select * from unnest(?, ?, ?) as s(id, outcome, retry_at)),
                     done as (delete from webhook_pending p using s where p.event_id = s.id and s.retry_at is null),
                     later as (update webhook_pending p set process_after = s.retry_at
                               from s where p.event_id = s.id and s.retry_at is not null)
                update webhook_events e
                set outcome = s.outcome,
                    processed_at = case when s.retry_at is null then now() end
                from s
                where e.id = s.id
                """, ps -> {
            var c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("int8", ids));
            ps.setArray(2, c.createArrayOf("text", outcomes));
            ps.setArray(3, c.createArrayOf("timestamptz", retries));
        });
    }

    @Override
    public int forgetProcessedBefore(Instant before, int limit) {
        // Oldest first along the primary key (ids grow with arrival), so the scan stops after `limit` rows.
        return db.write().update("""
                delete from webhook_events where id in (
                    select e.id from webhook_events e
                    where e.received_at < ? and e.processed_at is not null
                      and not exists (select 1 from webhook_pending p where p.event_id = e.id)
                    order by e.id limit ?)
                """, ps -> {
            ps.setTimestamp(1, java.sql.Timestamp.from(before));
            ps.setInt(2, limit);
        });
    }

    @Override
    public long backlog() {
        return db.write().one("select count(*) from webhook_pending", ps -> {
        }, rs -> rs.getLong(1)).orElse(0L);
    }

    private static String prefixed() {
        return ("e." + COLUMNS.replace(", ", ", e."));
    }

    private static StoredInboundEvent map(ResultSet rs) throws SQLException {
        String providerId = rs.getString("provider_message_id");
        Instant at = rs.getTimestamp("occurred_at").toInstant();
        InboundPayload payload = switch (rs.getString("kind")) {
            case "receipt" -> new DeliveryReceipt(providerId,
                    Optional.ofNullable(rs.getObject("message_id", UUID.class)).map(MessageId::new),
                    MessageStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), at, rs.getString("error"));
            case "message" -> new IncomingMessage(providerId, new PhoneNumber(rs.getString("contact")), at,
                    rs.getString("message_type"), rs.getString("body"), rs.getString("profile_name"));
            default -> throw new IllegalStateException("unknown event kind " + rs.getString("kind"));
        };
        InboundEvent event = new InboundEvent(rs.getString("platform"), new BusinessId(rs.getObject("business_id",
                UUID.class)), new DeviceId(rs.getObject("device_id", UUID.class)), payload);
        return new StoredInboundEvent(rs.getLong("id"), event, rs.getInt("attempts"));
    }
}
