package com.sendline.adapters.postgres;

import com.sendline.domain.device.DeviceAlert;
import com.sendline.domain.device.DeviceAlerts;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.tenancy.BusinessId;

import java.sql.Timestamp;
import java.util.List;

/** Device alerts in {@code device_alerts}; the business is checked against the device row on the way in. */
public final class PostgresDeviceAlerts implements DeviceAlerts {
    private final Database db;

    public PostgresDeviceAlerts(Database db) {
        this.db = db;
    }

    @Override
    public void raise(DeviceAlert a) {
        db.write().update("""
                insert into device_alerts (business_id, device_id, code, reason, message, raised_at)
                select d.business_id, d.id, ?, ?, ?, ? from devices d where d.id = ? and d.business_id = ?
                """, ps -> {
            ps.setString(1, a.code());
            ps.setString(2, a.reason());
            ps.setString(3, a.message());
            ps.setTimestamp(4, Timestamp.from(a.raisedAt()));
            ps.setObject(5, a.device().value());
            ps.setObject(6, a.business().value());
        });
    }

    @Override
    public List<DeviceAlert> recent(BusinessId business, DeviceId device, int limit) {
        return db.write().list("select code, reason, message, raised_at from device_alerts where business_id = ?"
                + " and device_id = ? order by raised_at desc, id desc limit ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, device.value());
            ps.setInt(3, limit);
        }, rs -> new DeviceAlert(business, device, rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant()));
    }
}
