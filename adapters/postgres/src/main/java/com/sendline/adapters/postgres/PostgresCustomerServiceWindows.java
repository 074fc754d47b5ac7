package com.sendline.adapters.postgres;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.inbound.CustomerServiceWindow;
import com.sendline.domain.inbound.CustomerServiceWindows;
import com.sendline.domain.tenancy.BusinessId;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One row per (number, customer) that ever wrote; the instant only moves forward. */
public final class PostgresCustomerServiceWindows implements CustomerServiceWindows {
    private final Database db;

    public PostgresCustomerServiceWindows(Database db) {
        this.db = db;
    }

    @Override
    public Optional<CustomerServiceWindow> find(DeviceId device, PhoneNumber contact) {
        return db.write().one("select last_inbound_at from customer_service_windows where device_id = ? and contact = ?",
                ps -> {
                    ps.setObject(1, device.value());
                    ps.setString(2, contact.e164());
                }, rs -> new CustomerServiceWindow(device, contact, rs.getTimestamp(1).toInstant()));
    }

    @Override
    public void customerWrote(BusinessId business, DeviceId device, PhoneNumber contact, Instant at) {
        db.write().transaction(c -> {
            customersWrote(db.write(), c, new UUID[] {device.value()}, new UUID[] {business.value()},
                    new String[] {contact.e164()}, new Timestamp[] {Timestamp.from(at)});
            return null;
        });
    }

    /**
     * Moves each (number, customer) window to its instant unless it is already later, on the caller's connection.
     * The business is taken from the device row, so a caller cannot attach a window to another tenant's device.
     * One entry per (device, contact): ON CONFLICT DO UPDATE may not touch the same row twice in one statement.
     */
    static void customersWrote(Sql sql, Connection c, UUID[] devices, UUID[] businesses, String[] contacts,
                               Timestamp[] at) throws SQLException {
        sql.update(c, """
                insert into customer_service_windows (device_id, contact, business_id, last_inbound_at)
                select d.id, u.contact, d.business_id, u.at
                from unnest(?, ?, ?, ?) as u(device_id, business_id, contact, at)
                join devices d on d.id = u.device_id and d.business_id = u.business_id
                on conflict (device_id, contact) do update
                    set last_inbound_at = greatest(customer_service_windows.last_inbound_at, excluded.last_inbound_at)
                """, ps -> {
            ps.setArray(1, c.createArrayOf("uuid", devices));
            ps.setArray(2, c.createArrayOf("uuid", businesses));
            ps.setArray(3, c.createArrayOf("text", contacts));
            ps.setArray(4, c.createArrayOf("timestamptz", at));
        });
    }
}
