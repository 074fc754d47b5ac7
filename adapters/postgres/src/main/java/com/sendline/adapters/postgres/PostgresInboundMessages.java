package com.sendline.adapters.postgres;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.inbound.InboundMessages;
import com.sendline.domain.inbound.IncomingMessage;
import com.sendline.domain.tenancy.BusinessId;

import java.sql.Timestamp;
import java.util.UUID;

/** Customers' messages, once per (number, provider id). */
public final class PostgresInboundMessages implements InboundMessages {
    private final Database db;

    public PostgresInboundMessages(Database db) {
        this.db = db;
    }

    @Override
    public boolean add(BusinessId business, DeviceId device, IncomingMessage m) {
        return db.write().update("""
                insert into inbound_messages (id, business_id, device_id, provider_message_id, sender, message_type,
                                              body, profile_name, sent_at)
                select ?, d.business_id, d.id, ?, ?, ?, ?, ?, ? from devices d where d.id = ? and d.business_id = ?
                on conflict (device_id, provider_message_id) do nothing
                """, ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, m.providerMessageId());
            ps.setString(3, m.from().e164());
            ps.setString(4, m.type());
            ps.setString(5, m.text());
            ps.setString(6, m.profileName());
            ps.setTimestamp(7, Timestamp.from(m.at()));
            ps.setObject(8, device.value());
            ps.setObject(9, business.value());
        }) == 1;
    }
}
