package com.sendline.adapters.postgres;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageQuery;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.scheduling.MessageStore;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.domain.scheduling.SendResult;
import com.sendline.domain.sharding.QueuePartition;
import com.sendline.domain.sharding.ShardRange;
import com.sendline.domain.tenancy.BusinessId;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Messages in Postgres, which owns their final status. The claim is one statement per batch: the rows still
 * scheduled and due are locked with {@code FOR UPDATE SKIP LOCKED} (a row another worker is claiming is skipped, not
 * waited for) and moved to 'sending' — so a message offered twice, by a replayed queue entry or an expired lease,
 * is handed out once.
 */
public final class PostgresMessageStore implements MessageStore {
    private static final String COLUMNS = "id, business_id, device_id, recipient, body, due_at, status, attempts, "
            + "last_error";
    private final Database db;
    private final ReadRoute reads;

    public PostgresMessageStore(Database db, ReadRoute reads) {
        this.db = db;
        this.reads = reads;
    }

    @Override
    public void add(ScheduledMessage m) {
        db.write().update("insert into messages (" + COLUMNS + ", shard_partition) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> bindInsert(ps, m));
    }

    @Override
    public java.util.Set<MessageId> addAll(Collection<ScheduledMessage> messages) {
        java.util.Set<MessageId> added = new java.util.HashSet<>();
        if (messages.isEmpty()) {
            return added;
        }
        int n = messages.size();
        Object[] ids = new Object[n];
        Object[] businesses = new Object[n];
        Object[] devices = new Object[n];
        String[] recipients = new String[n];
        String[] bodies = new String[n];
        Timestamp[] due = new Timestamp[n];
        String[] statuses = new String[n];
        Integer[] attempts = new Integer[n];
        String[] errors = new String[n];
        Short[] partitions = new Short[n];
        int i = 0;
        for (ScheduledMessage m : messages) {
            ids[i] = m.id().value();
            businesses[i] = m.businessId().value();
            devices[i] = m.deviceId().value();
            recipients[i] = m.recipient().e164();
            bodies[i] = m.body().text();
            due[i] = Timestamp.from(m.dueAt());
            statuses[i] = name(m.status());
            attempts[i] = m.attempts();
            errors[i] = m.lastError();
            partitions[i] = (short) QueuePartition.of(m.businessId()).index();
            i++;
        }
        // The join keeps out a message whose device was removed (or is not its business's) since it was checked,
        // instead of failing the whole statement — and with it every other caller's message — on the foreign key.
        db.write().list("""
                insert into messages (id, business_id, device_id, recipient, body, due_at, status, attempts,
                                      last_error, shard_partition)
                select u.id, u.business_id, u.device_id, u.recipient, u.body, u.due_at, u.status, u.attempts,
                       u.last_error, u.shard_partition
                from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                            ?::int[], ?::text[], ?::smallint[])
                     as u(id, business_id, device_id, recipient, body, due_at, status, attempts, last_error,
                          shard_partition)
                join devices d on d.id = u.device_id and d.business_id = u.business_id
                -- An id already stored (a retried request's reserved id) is left out, not an error for the group.
                on conflict (id) do nothing
                returning id
                """, ps -> {
            Connection c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("uuid", businesses));
            ps.setArray(3, c.createArrayOf("uuid", devices));
            ps.setArray(4, c.createArrayOf("text", recipients));
            ps.setArray(5, c.createArrayOf("text", bodies));
            ps.setArray(6, c.createArrayOf("timestamptz", due));
            ps.setArray(7, c.createArrayOf("text", statuses));
            ps.setArray(8, c.createArrayOf("int4", attempts));
            ps.setArray(9, c.createArrayOf("text", errors));
            ps.setArray(10, c.createArrayOf("int2", partitions));
        }, rs -> added.add(new MessageId(rs.getObject(1, UUID.class))));
        return added;
    }

    @Override
    public List<ScheduledMessage> addOccurrences(Collection<Occurrence> occurrences) {
        if (occurrences.isEmpty()) {
            return List.of();
        }
        return db.write().transaction(c -> {
            List<ScheduledMessage> added = new ArrayList<>();
            for (Occurrence o : occurrences) {
                int rows = db.write().update(c, "insert into messages (" + COLUMNS
                        + ", shard_partition, schedule_id, occurrence_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (schedule_id, occurrence_at) where schedule_id is not null do nothing", ps -> {
                    bindInsert(ps, o.message());
                    ps.setObject(11, o.schedule().value());
                    ps.setTimestamp(12, Timestamp.from(o.message().dueAt()));
                });
                if (rows == 1) {
                    added.add(o.message());
                }
            }
            return added;
        });
    }

    private static void bindInsert(PreparedStatement ps, ScheduledMessage m) throws SQLException {
        ps.setObject(1, m.id().value());
        ps.setObject(2, m.businessId().value());
        ps.setObject(3, m.deviceId().value());
        ps.setString(4, m.recipient().e164());
        ps.setString(5, m.body().text());
        ps.setTimestamp(6, Timestamp.from(m.dueAt()));
        ps.setString(7, name(m.status()));
        ps.setInt(8, m.attempts());
        ps.setString(9, m.lastError());
        ps.setShort(10, (short) QueuePartition.of(m.businessId()).index());
    }

    @Override
    public Optional<ScheduledMessage> find(BusinessId business, MessageId id) {
        return db.read(reads).one("select " + COLUMNS + " from messages where business_id = ? and id = ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, id.value());
        }, PostgresMessageStore::map);
    }

    @Override
    public List<ScheduledMessage> list(MessageQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from messages where business_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(query.business().value());
        if (!query.statuses().isEmpty()) {
            sql.append(" and status = any(?)");
            args.add(query.statuses().stream().map(PostgresMessageStore::name).sorted().toArray(String[]::new));
        }
        if (query.device() != null) {
            sql.append(" and device_id = ?");
            args.add(query.device().value());
        }
        if (query.dueFrom() != null) {
            sql.append(" and due_at >= ?");
            args.add(Timestamp.from(query.dueFrom()));
        }
        if (query.dueBefore() != null) {
            sql.append(" and due_at < ?");
            args.add(Timestamp.from(query.dueBefore()));
        }
        if (query.before() != null) {
            sql.append(" and id < ?");
            args.add(query.before().value());
        }
        sql.append(" order by id desc limit ?");
        args.add(query.limit());
        return db.read(reads).list(sql.toString(), ps -> {
            for (int i = 0; i < args.size(); i++) {
                Object arg = args.get(i);
                if (arg instanceof String[] texts) {
                    ps.setArray(i + 1, ps.getConnection().createArrayOf("text", texts));
                } else {
                    ps.setObject(i + 1, arg);
                }
            }
        }, PostgresMessageStore::map);
    }

    @Override
    public boolean replace(ScheduledMessage before, ScheduledMessage after) {
        if (!before.id().equals(after.id()) || !before.businessId().equals(after.businessId())) {
            throw new IllegalArgumentException("replace must keep the message's identity");
        }
        return db.write().update("""
                update messages set status = ?, due_at = ?, attempts = ?, last_error = ?, updated_at = now()
                where business_id = ? and id = ? and status = ? and due_at = ?
                """, ps -> {
            ps.setString(1, name(after.status()));
            ps.setTimestamp(2, Timestamp.from(after.dueAt()));
            ps.setInt(3, after.attempts());
            ps.setString(4, after.lastError());
            ps.setObject(5, before.businessId().value());
            ps.setObject(6, before.id().value());
            ps.setString(7, name(before.status()));
            ps.setTimestamp(8, Timestamp.from(before.dueAt()));
        }) == 1;
    }

    @Override
    public List<ScheduledMessage> claim(Collection<MessageId> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // One statement in autocommit: atomic on its own, and one round trip instead of two with a COMMIT.
        return db.write().list("""
                with picked as (
                    select id from messages
                    where id = any(?) and status = 'scheduled' and due_at <= ?
                    for update skip locked
                )
                update messages m
                set status = 'sending', attempts = m.attempts + 1, claimed_at = ?, updated_at = now()
                from picked where m.id = picked.id
                returning m.id, m.business_id, m.device_id, m.recipient, m.body, m.due_at, m.status, m.attempts,
                          m.last_error
                """, ps -> {
            ps.setArray(1, uuids(ps.getConnection(), ids.stream().map(MessageId::value).toList()));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
        }, PostgresMessageStore::map);
    }

    @Override
    public void finish(Collection<SendResult> results) {
        if (results.isEmpty()) {
            return;
        }
        int n = results.size();
        UUID[] ids = new UUID[n];
        String[] statuses = new String[n];
        Long[] dues = new Long[n];
        String[] errors = new String[n];
        String[] providerIds = new String[n];
        int i = 0;
        for (SendResult r : results) {
            ids[i] = r.after().id().value();
            statuses[i] = name(r.after().status());
            dues[i] = r.after().dueAt().toEpochMilli();
            errors[i] = r.after().lastError();
            providerIds[i] = r.providerMessageId();
            i++;
        }
        db.write().update("""
                update messages m
                set status = r.status,
                    due_at = to_timestamp(r.due_ms / 1000.0),
                    last_error = r.last_error,
                    provider_message_id = coalesce(r.provider_id, m.provider_message_id),
                    sent_at = case when r.status = 'sent' then now() else m.sent_at end,
                    claimed_at = null,
                    updated_at = now()
                from unnest(?, ?, ?, ?, ?) as r(id, status, due_ms, last_error, provider_id)
                where m.id = r.id and m.status = 'sending'
                """, ps -> {
            var c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", statuses));
            ps.setArray(3, c.createArrayOf("int8", dues));
            ps.setArray(4, c.createArrayOf("text", errors));
            ps.setArray(5, c.createArrayOf("text", providerIds));
        });
    }

    @Override
    public List<DueEntry> pending(ShardRange shard, Instant until, MessageId afterId, int limit) {
        return db.write().list("""
                select id, business_id, device_id, due_at from messages
                where status = 'scheduled' and id > ? and due_at < ?
                  and shard_partition >= ? and shard_partition < ?
                order by id limit ?
                """, ps -> {
            ps.setObject(1, afterId == null ? new UUID(0, 0) : afterId.value());
            ps.setTimestamp(2, Timestamp.from(until));
            ps.setShort(3, (short) shard.fromPercent());
            ps.setShort(4, (short) shard.toPercent());
            ps.setInt(5, limit);
        }, rs -> new DueEntry(new MessageId(rs.getObject(1, UUID.class)), new BusinessId(rs.getObject(2, UUID.class)),
                new DeviceId(rs.getObject(3, UUID.class)), rs.getTimestamp(4).toInstant()));
    }

    @Override
    // occurrence_at goes: the cancelled row stays as history but no longer holds its slot in the unique index,
    // so resuming the schedule can create that occurrence again.
    public List<DueEntry> cancelPendingOccurrences(BusinessId business, com.sendline.domain.scheduling.RecurringScheduleId schedule) {
        return db.write().list("""
                update messages set status = 'cancelled', occurrence_at = null, updated_at = now()
                where business_id = ? and schedule_id = ? and status = 'scheduled'
                returning id, business_id, device_id, due_at
                """, ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, schedule.value());
        }, rs -> new DueEntry(new MessageId(rs.getObject(1, UUID.class)), new BusinessId(rs.getObject(2, UUID.class)),
                new DeviceId(rs.getObject(3, UUID.class)), rs.getTimestamp(4).toInstant()));
    }

    @Override
    public java.util.Set<MessageId> stillScheduled(Collection<MessageId> ids) {
        java.util.Set<MessageId> out = new java.util.HashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        db.write().list("select id from messages where id = any(?) and status = 'scheduled'",
                ps -> ps.setArray(1, uuids(ps.getConnection(), ids.stream().map(MessageId::value).toList())),
                rs -> out.add(new MessageId(rs.getObject(1, UUID.class))));
        return out;
    }

    @Override
    public List<ScheduledMessage> stuckSending(ShardRange shard, Instant claimedBefore, int limit) {
        return db.write().list("select " + COLUMNS + " from messages where status = 'sending' and claimed_at < ?"
                + " and shard_partition >= ? and shard_partition < ? order by claimed_at limit ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(claimedBefore));
            ps.setShort(2, (short) shard.fromPercent());
            ps.setShort(3, (short) shard.toPercent());
            ps.setInt(4, limit);
        }, PostgresMessageStore::map);
    }

    private static Array uuids(Connection c, List<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    private static String name(MessageStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    static ScheduledMessage map(ResultSet rs) throws SQLException {
        return new ScheduledMessage(new MessageId(rs.getObject(1, UUID.class)),
                new BusinessId(rs.getObject(2, UUID.class)), new DeviceId(rs.getObject(3, UUID.class)),
                new PhoneNumber(rs.getString(4)), new MessageBody(rs.getString(5)), rs.getTimestamp(6).toInstant(),
                MessageStatus.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)), rs.getInt(8), rs.getString(9));
    }
}
