package com.sendline.adapters.postgres;

import com.sendline.domain.inbound.InboundMessages;
import com.sendline.domain.inbound.IncomingMessage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Customers' messages, once per (number, provider id), and their customer-service windows: two statements and one
 * commit for a whole batch. The business of each row is taken from the device row, so a caller cannot file a
 * message under another tenant's device.
 */
public final class PostgresInboundMessages implements InboundMessages {
    private final Database db;

    public PostgresInboundMessages(Database db) {
        this.db = db;
    }

    private record WindowKey(UUID device, UUID business, String contact) {
    }

    @Override
    public Set<String> addAll(List<Addressed> messages) {
        if (messages.isEmpty()) {
            return Set.of();
        }
        int n = messages.size();
        UUID[] ids = new UUID[n];
        UUID[] businesses = new UUID[n];
        UUID[] devices = new UUID[n];
        String[] providerIds = new String[n];
        String[] senders = new String[n];
        String[] types = new String[n];
        String[] bodies = new String[n];
        String[] names = new String[n];
        Timestamp[] sentAt = new Timestamp[n];
        // One entry per window, at the customer's latest message (see PostgresCustomerServiceWindows).
        Map<WindowKey, Instant> windows = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Addressed a = messages.get(i);
            IncomingMessage m = a.message();
            ids[i] = UUID.randomUUID();
            businesses[i] = a.business().value();
            devices[i] = a.device().value();
            providerIds[i] = m.providerMessageId();
            senders[i] = m.from().e164();
            types[i] = m.type();
            bodies[i] = m.text();
            names[i] = m.profileName();
            sentAt[i] = Timestamp.from(m.at());
            windows.merge(new WindowKey(devices[i], businesses[i], senders[i]), m.at(),
                    (x, y) -> x.isAfter(y) ? x : y);
        }
        return db.write().transaction(c -> {
            Sql sql = db.write();
            Set<String> added = new HashSet<>(sql.list(c, """
                    insert into inbound_messages (id, business_id, device_id, provider_message_id, sender, message_type,
                                                  body, profile_name, sent_at)
                    select u.id, d.business_id, d.id, u.provider_id, u.sender, u.type, u.body, u.name, u.sent_at
                    from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?)
                        as u(id, business_id, device_id, provider_id, sender, type, body, name, sent_at)
                    join devices d on d.id = u.device_id and d.business_id = u.business_id
                    on conflict (device_id, provider_message_id) do nothing
                    returning provider_message_id
                    """, ps -> {
                ps.setArray(1, c.createArrayOf("uuid", ids));
                ps.setArray(2, c.createArrayOf("uuid", businesses));
                ps.setArray(3, c.createArrayOf("uuid", devices));
                ps.setArray(4, c.createArrayOf("text", providerIds));
                ps.setArray(5, c.createArrayOf("text", senders));
                ps.setArray(6, c.createArrayOf("text", types));
                ps.setArray(7, c.createArrayOf("text", bodies));
                ps.setArray(8, c.createArrayOf("text", names));
                ps.setArray(9, c.createArrayOf("timestamptz", sentAt));
            }, rs -> rs.getString(1)));
            int w = windows.size();
            UUID[] wDevices = new UUID[w];
            UUID[] wBusinesses = new UUID[w];
            String[] wContacts = new String[w];
            Timestamp[] wAt = new Timestamp[w];
            int i = 0;
            for (Map.Entry<WindowKey, Instant> e : windows.entrySet()) {
                wDevices[i] = e.getKey().device();
                wBusinesses[i] = e.getKey().business();
                wContacts[i] = e.getKey().contact();
                wAt[i] = Timestamp.from(e.getValue());
                i++;
            }
            PostgresCustomerServiceWindows.customersWrote(sql, c, wDevices, wBusinesses, wContacts, wAt);
            return added;
        });
    }
}
