package com.sendline.adapters.postgres;

import com.sendline.domain.crypto.SecretSealer;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.tenancy.BusinessId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * WhatsApp Web credentials, one row per Web device (migration V5). Every write names the session it belongs to and
 * changes nothing when that session is no longer the device's: a replaced pairing cannot overwrite the new one.
 * The keys and the store are sealed, bound to their device, session and column: bytes of an earlier pairing copied
 * into the row do not open.
 */
public final class PostgresWebCredentials implements WebCredentials {
    private static final String TABLE = "web_sessions";
    private static final byte[] PREFIX = SecretSealer.PREFIX.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final Database db;
    private final SecretSealer sealer;

    public PostgresWebCredentials(Database db, SecretSealer sealer) {
        this.db = db;
        this.sealer = sealer;
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
        }, this::map);
    }

    @Override
    public boolean saveKeys(BusinessId business, DeviceId device, UUID session, byte[] keys, boolean linked) {
        return db.write().update("""
                update web_sessions set keys = ?, link = case when ? then 'linked' else link end, updated_at = now()
                 where business_id = ? and device_id = ? and session_id = ? and link <> 'logged_out'
                """, ps -> {
            ps.setBytes(1, keys == null ? null : sealer.seal(keys, context(device.value(), session, "keys")));
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
            ps.setBytes(1, store == null ? null : sealer.seal(store, context(device.value(), session, "store")));
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

    /**
     * Seals the keys and stores written before sealing existed (migration V10); each row in one compare-and-set
     * update, so a concurrent save or another instance doing the same makes it change nothing.
     *
     * @return rows sealed now
     */
    public int sealLegacy() {
        record Row(UUID device, UUID session, byte[] keys, byte[] store) {
        }
        List<Row> legacy = db.write().list("""
                select device_id, session_id, keys, store from web_sessions
                 where substring(keys from 1 for 10) <> ? or substring(store from 1 for 10) <> ?
                """, ps -> {
            ps.setBytes(1, PREFIX);
            ps.setBytes(2, PREFIX);
        }, rs -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3), rs.getBytes(4)));
        int sealed = 0;
        for (Row row : legacy) {
            sealed += db.write().update("""
                    update web_sessions set keys = ?, store = ?
                     where device_id = ? and session_id = ? and keys is not distinct from ?
                       and store is not distinct from ?
                    """, ps -> {
                ps.setBytes(1, sealIfLegacy(row.keys(), context(row.device(), row.session(), "keys")));
                ps.setBytes(2, sealIfLegacy(row.store(), context(row.device(), row.session(), "store")));
                ps.setObject(3, row.device());
                ps.setObject(4, row.session());
                ps.setBytes(5, row.keys());
                ps.setBytes(6, row.store());
            });
        }
        return sealed;
    }

    /**
     * Opens one sealed row, if there is one: the start-up check that this instance's key is the installation's.
     *
     * @throws com.sendline.domain.crypto.UnreadableSecret when it does not open
     */
    public void openOneSealed() {
        db.write().one("""
                select device_id, business_id, session_id, format, link, keys, store from web_sessions
                 where substring(keys from 1 for 10) = ? limit 1
                """, ps -> ps.setBytes(1, PREFIX), this::map);
    }

    private byte[] sealIfLegacy(byte[] stored, String context) {
        return stored == null || SecretSealer.isSealed(stored) ? stored : sealer.seal(stored, context);
    }

    private static String context(UUID device, UUID session, String column) {
        return SecretSealer.context(TABLE, device + ":" + session, column);
    }

    private Stored map(ResultSet rs) throws SQLException {
        UUID device = rs.getObject("device_id", UUID.class);
        UUID session = rs.getObject("session_id", UUID.class);
        byte[] keys = rs.getBytes("keys");
        byte[] store = rs.getBytes("store");
        return new Stored(new DeviceId(device), new BusinessId(rs.getObject("business_id", UUID.class)), session,
                rs.getString("format"), Link.valueOf(rs.getString("link").toUpperCase(Locale.ROOT)),
                keys == null ? null : sealer.open(keys, context(device, session, "keys")),
                store == null ? null : sealer.open(store, context(device, session, "store")));
    }
}
