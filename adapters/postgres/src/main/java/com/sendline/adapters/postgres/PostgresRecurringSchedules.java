package com.sendline.adapters.postgres;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.RecurrenceRule;
import com.sendline.domain.scheduling.RecurringSchedule;
import com.sendline.domain.scheduling.RecurringScheduleId;
import com.sendline.domain.scheduling.RecurringSchedules;
import com.sendline.domain.sharding.QueuePartition;
import com.sendline.domain.sharding.ShardRange;
import com.sendline.domain.tenancy.BusinessId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

public final class PostgresRecurringSchedules implements RecurringSchedules {
    private static final String SELECT = "select id, business_id, device_id, recipient, body, rule_kind, rule, "
            + "time_zone, starts_local, paused, next_at from recurring_schedules ";
    private final Database db;

    public PostgresRecurringSchedules(Database db) {
        this.db = db;
    }

    @Override
    public void add(RecurringSchedule s) {
        db.write().update("""
                insert into recurring_schedules (id, business_id, device_id, shard_partition, recipient, body,
                    rule_kind, rule, time_zone, starts_local, paused, next_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, s.id().value());
            ps.setObject(2, s.businessId().value());
            ps.setObject(3, s.deviceId().value());
            ps.setShort(4, (short) QueuePartition.of(s.businessId()).index());
            ps.setString(5, s.recipient().e164());
            ps.setString(6, s.body().text());
            ps.setString(7, s.rule().kind().name().toLowerCase(Locale.ROOT));
            ps.setString(8, s.rule().expression());
            ps.setString(9, s.zone().getId());
            ps.setObject(10, s.start());
            ps.setBoolean(11, s.paused());
            setInstant(ps, 12, s.nextAt());
        });
    }

    @Override
    public Optional<RecurringSchedule> find(BusinessId business, RecurringScheduleId id) {
        return db.write().one(SELECT + "where business_id = ? and id = ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, id.value());
        }, PostgresRecurringSchedules::map);
    }

    @Override
    public List<RecurringSchedule> list(BusinessId business) {
        return db.write().list(SELECT + "where business_id = ? order by created_at, id",
                ps -> ps.setObject(1, business.value()), PostgresRecurringSchedules::map);
    }

    @Override
    public List<Listed> page(BusinessId business, Instant afterCreated, RecurringScheduleId afterId, int limit) {
        boolean first = afterCreated == null || afterId == null;
        return db.write().list(SELECT.replace(" from ", ", created_at from ") + "where business_id = ?"
                + (first ? "" : " and (created_at, id) > (?, ?)") + " order by created_at, id limit ?", ps -> {
            int i = 1;
            ps.setObject(i++, business.value());
            if (!first) {
                ps.setTimestamp(i++, Timestamp.from(afterCreated));
                ps.setObject(i++, afterId.value());
            }
            ps.setInt(i, limit);
        }, rs -> new Listed(map(rs), rs.getTimestamp(12).toInstant()));
    }

    @Override
    public boolean replace(RecurringSchedule before, RecurringSchedule after) {
        return db.write().update("""
                update recurring_schedules set paused = ?, next_at = ?, updated_at = now()
                where business_id = ? and id = ? and paused = ? and next_at is not distinct from ?
                """, ps -> {
            ps.setBoolean(1, after.paused());
            setInstant(ps, 2, after.nextAt());
            ps.setObject(3, before.businessId().value());
            ps.setObject(4, before.id().value());
            ps.setBoolean(5, before.paused());
            setInstant(ps, 6, before.nextAt());
        }) == 1;
    }

    @Override
    public boolean remove(BusinessId business, RecurringScheduleId id) {
        return db.write().update("delete from recurring_schedules where business_id = ? and id = ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, id.value());
        }) == 1;
    }

    @Override
    public List<RecurringSchedule> dueBy(ShardRange shard, Instant until, int limit) {
        return db.write().list(SELECT + """
                where not paused and next_at is not null and next_at <= ?
                  and shard_partition >= ? and shard_partition < ?
                order by next_at limit ?
                """, ps -> {
            ps.setTimestamp(1, Timestamp.from(until));
            ps.setShort(2, (short) shard.fromPercent());
            ps.setShort(3, (short) shard.toPercent());
            ps.setInt(4, limit);
        }, PostgresRecurringSchedules::map);
    }

    private static void setInstant(java.sql.PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, Timestamp.from(value));
        }
    }

    private static RecurringSchedule map(ResultSet rs) throws SQLException {
        Timestamp next = rs.getTimestamp(11);
        return new RecurringSchedule(new RecurringScheduleId(rs.getObject(1, UUID.class)),
                new BusinessId(rs.getObject(2, UUID.class)), new DeviceId(rs.getObject(3, UUID.class)),
                new PhoneNumber(rs.getString(4)), new MessageBody(rs.getString(5)),
                new RecurrenceRule(RecurrenceRule.Kind.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)),
                        rs.getString(7)),
                ZoneId.of(rs.getString(8)), rs.getObject(9, java.time.LocalDateTime.class), rs.getBoolean(10),
                next == null ? null : next.toInstant());
    }
}
