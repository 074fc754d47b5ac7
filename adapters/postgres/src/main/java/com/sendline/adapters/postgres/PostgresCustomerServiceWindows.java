package com.sendline.adapters.postgres;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.inbound.CustomerServiceWindow;
import com.sendline.domain.inbound.CustomerServiceWindows;
import com.sendline.domain.tenancy.BusinessId;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

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
        // The business is taken from the device row, so a caller cannot attach a window to another tenant's device.
        db.write().update("""
                insert into customer_service_windows (device_id, contact, business_id, last_inbound_at)
                select d.id, ?, d.business_id, ? from devices d where d.id = ? and d.business_id = ?
                on conflict (device_id, contact) do update
                    set last_inbound_at = greatest(customer_service_windows.last_inbound_at, excluded.last_inbound_at)
                """, ps -> {
            ps.setString(1, contact.e164());
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setObject(3, device.value());
            ps.setObject(4, business.value());
        });
    }
}
