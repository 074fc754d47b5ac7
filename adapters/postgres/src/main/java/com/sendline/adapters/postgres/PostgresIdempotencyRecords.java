package com.sendline.adapters.postgres;

import com.sendline.domain.apiaccess.IdempotencyKey;
import com.sendline.domain.apiaccess.IdempotencyRecords;
import com.sendline.domain.apiaccess.IdempotencyRecords.Claim;
import com.sendline.domain.apiaccess.IdempotencyRecords.Claimed;
import com.sendline.domain.apiaccess.IdempotencyRecords.StoredResponse;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

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
    public Claim claim(IdempotencyKey key, String fingerprint, Instant staleBefore, UUID reserve) {
        Optional<UUID> claimed = db.write().one("""
                insert into idempotency_keys (api_key_id, idempotency_key, request_hash, state, resource_id)
                values (?, ?, ?, 'pending', ?)
                on conflict (api_key_id, idempotency_key) do update
                    set request_hash = excluded.request_hash, created_at = now(),
                        -- The same request again: the same id, so it finds what the dead one may have created.
                        resource_id = case when idempotency_keys.request_hash = excluded.request_hash
                                           then coalesce(idempotency_keys.resource_id, excluded.resource_id)
                                           else excluded.resource_id end
                    where idempotency_keys.state = 'pending' and idempotency_keys.created_at < ?
                returning resource_id
                """, ps -> {
            ps.setObject(1, key.apiKey().value());
            ps.setString(2, key.value());
            ps.setString(3, fingerprint);
            ps.setObject(4, reserve);
            ps.setTimestamp(5, Timestamp.from(staleBefore));
        }, rs -> rs.getObject(1, UUID.class));
        if (claimed.isPresent()) {
            return new Claimed(claimed.get());
        }
        return db.write().one("""
                select request_hash, state, response_status, response_body from idempotency_keys
                where api_key_id = ? and idempotency_key = ?
                """, ps -> {
            ps.setObject(1, key.apiKey().value());
            ps.setString(2, key.value());
        }, rs -> new StoredResponse(rs.getString(1), "pending".equals(rs.getString(2)), rs.getInt(3),
                rs.getString(4)))
                // Deleted (released, expired) between the two statements: as good as never claimed; claim again.
                .map(Claim.class::cast)
                .orElseGet(() -> claim(key, fingerprint, staleBefore, reserve));
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
