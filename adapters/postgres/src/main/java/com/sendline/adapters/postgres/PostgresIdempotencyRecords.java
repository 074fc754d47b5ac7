package com.sendline.adapters.postgres;

import com.sendline.domain.apiaccess.IdempotencyKey;
import com.sendline.domain.apiaccess.IdempotencyRecords;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency records in {@code idempotency_keys}. The claim is one statement: insert a pending row, or take over a
 * stale pending one; when neither happens the row that stands is read back.
 */
public final class PostgresIdempotencyRecords implements IdempotencyRecords {
    private final Database db;

    public PostgresIdempotencyRecords(Database db) {
        this.db = db;
    }

    @Override
    public Optional<StoredResponse> claim(IdempotencyKey key, String fingerprint, Instant staleBefore) {
        int claimed = db.write().update("""
                insert into idempotency_keys (api_key_id, idempotency_key, request_hash, state)
                values (?, ?, ?, 'pending')
                on conflict (api_key_id, idempotency_key) do update
                    set request_hash = excluded.request_hash, created_at = now()
                    where idempotency_keys.state = 'pending' and idempotency_keys.created_at < ?
                """, ps -> {
            ps.setObject(1, key.apiKey().value());
            ps.setString(2, key.value());
            ps.setString(3, fingerprint);
            ps.setTimestamp(4, Timestamp.from(staleBefore));
        });
        if (claimed == 1) {
            return Optional.empty();
        }
        return db.write().one("""
                select request_hash, state, response_status, response_body from idempotency_keys
                where api_key_id = ? and idempotency_key = ?
                """, ps -> {
            ps.setObject(1, key.apiKey().value());
            ps.setString(2, key.value());
        }, rs -> new StoredResponse(rs.getString(1), "pending".equals(rs.getString(2)), rs.getInt(3),
                rs.getString(4)));
    }

    @Override
    public void complete(IdempotencyKey key, int status, String body) {
        db.write().update("""
                update idempotency_keys set state = 'done', response_status = ?, response_body = ?
                where api_key_id = ? and idempotency_key = ?
                """, ps -> {
            ps.setInt(1, status);
            ps.setString(2, body);
            ps.setObject(3, key.apiKey().value());
            ps.setString(4, key.value());
        });
    }

    @Override
    public void release(IdempotencyKey key) {
        db.write().update("delete from idempotency_keys where api_key_id = ? and idempotency_key = ? and state = 'pending'",
                ps -> {
                    ps.setObject(1, key.apiKey().value());
                    ps.setString(2, key.value());
                });
    }

    @Override
    public int expire(Instant before) {
        return db.write().update("delete from idempotency_keys where created_at < ?",
                ps -> ps.setTimestamp(1, Timestamp.from(before)));
    }
}
