package com.sendline.adapters.postgres;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.tenancy.BusinessId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * WhatsApp Web credentials, one row per Web device (migration V5). Every write names the session it belongs to and
 * changes nothing when that session is no longer the device's: a replaced pairing cannot overwrite the new one.
 */
public final class PostgresWebCredentials implements WebCredentials {
    private final Database db;

    public PostgresWebCredentials(Database db) {
        this.db = db;
    }

    /** @throws IllegalArgumentException when the business has no such WhatsApp Web device */
    @Override
    public void beginPairing(BusinessId business, DeviceId device, UUID session, String format) {
        int rows = db.write().update("""
                insert into web_sessions (device_id, business_id, session_id, format, link)
                select d.id, d.business_id, ?, ?, 'pairing' from devices d
                 where d.business_id = ? and d.id = ? and d.channel = 'web'
                on conflict (device_id) do update set session_id = excluded.session_id, format = excluded.format,
                    link = 'pairing', keys = null, store = null, updated_at = now()
                """, ps -> {
            ps.setObject(1, session);
            ps.setString(2, format);
            ps.setObject(3, business.value());
            ps.setObject(4, device.value());
        });
        if (rows == 0) {
            throw new IllegalArgumentException("business " + business + " has no WhatsApp Web device " + device);
        }
    }

    @Override
    public Optional<Stored> find(BusinessId business, DeviceId device) {
        return db.write().one("""
                select device_id, business_id, session_id, format, link, keys, store from web_sessions
                 where business_id = ? and device_id = ?
                """, ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, device.value());
        }, PostgresWebCredentials::map);
    }

    @Override
    public boolean saveKeys(BusinessId business, DeviceId device, UUID session, byte[] keys, boolean linked) {
        return db.write().update("""
                update web_sessions set keys = ?, link = case when ? then 'linked' else link end, updated_at = now()
                 where business_id = ? and device_id = ? and session_id = ? and link <> 'logged_out'
                """, ps -> {
            ps.setBytes(1, keys);
            ps.setBoolean(2, linked);
            ps.setObject(3, business.value());
            ps.setObject(4, device.value());
            ps.setObject(5, session);
        }) == 1;
    }

    @Override
    public boolean saveStore(BusinessId business, DeviceId device, UUID session, byte[] store) {
        return db.write().update("""
                update web_sessions set store = ?, updated_at = now()
                 where business_id = ? and device_id = ? and session_id = ? and link <> 'logged_out'
                """, ps -> {
            ps.setBytes(1, store);
            ps.setObject(2, business.value());
            ps.setObject(3, device.value());
            ps.setObject(4, session);
        }) == 1;
    }

    @Override
    public boolean loggedOut(BusinessId business, DeviceId device, UUID session) {
        return db.write().update("""
                update web_sessions set link = 'logged_out', keys = null, store = null, updated_at = now()
                 where business_id = ? and device_id = ? and session_id = ? and link <> 'logged_out'
                """, ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, device.value());
            ps.setObject(3, session);
        }) == 1;
    }

    private static Stored map(ResultSet rs) throws SQLException {
        return new Stored(new DeviceId(rs.getObject("device_id", UUID.class)),
                new BusinessId(rs.getObject("business_id", UUID.class)), rs.getObject("session_id", UUID.class),
                rs.getString("format"), Link.valueOf(rs.getString("link").toUpperCase(Locale.ROOT)),
                rs.getBytes("keys"), rs.getBytes("store"));
    }
}
