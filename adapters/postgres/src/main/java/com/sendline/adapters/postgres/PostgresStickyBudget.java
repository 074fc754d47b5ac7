package com.sendline.adapters.postgres;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.session.StickyBudget;
import com.sendline.domain.tenancy.BusinessId;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sticky budget on the devices row: {@code sticky_remaining_ms} as of the last stop, and
 * {@code sticky_active_since} while HOT. What is left right now is always {@code sticky_remaining_ms(...)}, the SQL
 * function of migration V2.
 */
public final class PostgresStickyBudget implements StickyBudget {
    private final Database db;

    public PostgresStickyBudget(Database db) {
        this.db = db;
    }

    @Override
    public void grantOnFirstLink(BusinessId business, DeviceId device) {
        db.write().update("""
                update devices set first_linked_at = now(), sticky_remaining_ms = ?, updated_at = now()
                where business_id = ? and id = ? and first_linked_at is null
                """, ps -> {
            ps.setLong(1, FIRST_LINK.toMillis());
            ps.setObject(2, business.value());
            ps.setObject(3, device.value());
        });
    }

    @Override
    public void startBurning(DeviceId device, Instant now) {
        db.write().update("""
                update devices set sticky_active_since = ?
                where id = ? and sticky_active_since is null and sticky_remaining_ms > 0
                """, ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, device.value());
        });
    }

    @Override
    public void stopBurning(DeviceId device, Instant now) {
        db.write().update("""
                update devices
                set sticky_remaining_ms = sticky_remaining_ms(sticky_remaining_ms, sticky_active_since, ?),
                    sticky_active_since = null
                where id = ? and sticky_active_since is not null
                """, ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, device.value());
        });
    }

    @Override
    public Map<DeviceId, Duration> remaining(Collection<DeviceId> devices, Instant now) {
        Map<DeviceId, Duration> out = new HashMap<>();
        if (devices.isEmpty()) {
            return out;
        }
        db.write().list("""
                select id, sticky_remaining_ms(sticky_remaining_ms, sticky_active_since, ?) from devices
                where id = any(?)
                """, ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", devices.stream().map(DeviceId::value).toArray()));
        }, rs -> out.put(new DeviceId(rs.getObject(1, UUID.class)), Duration.ofMillis(rs.getLong(2))));
        return out;
    }

    @Override
    public List<Candidate> candidates(Instant now, int limit) {
        return db.write().list("""
                select business_id, id, sticky_remaining_ms(sticky_remaining_ms, sticky_active_since, ?) as left_ms
                from devices
                where sticky_remaining_ms > 0
                  and sticky_remaining_ms(sticky_remaining_ms, sticky_active_since, ?) > 0
                order by left_ms desc, id limit ?
                """, ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, limit);
        }, rs -> new Candidate(new BusinessId(rs.getObject(1, UUID.class)), new DeviceId(rs.getObject(2, UUID.class)),
                Duration.ofMillis(rs.getLong(3))));
    }
}
