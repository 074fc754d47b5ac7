package com.sendline.adapters.postgres;

import com.sendline.domain.crypto.SecretSealer;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.webhook.DeliveryStatus;
import com.sendline.domain.webhook.WebhookDeliveries;
import com.sendline.domain.webhook.WebhookDelivery;
import com.sendline.domain.webhook.WebhookDeliveryId;
import com.sendline.domain.webhook.WebhookEvent;
import com.sendline.domain.webhook.WebhookSecret;
import com.sendline.domain.webhook.WebhookSubscriptionId;
import com.sendline.domain.webhook.WebhookSubscriptions;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The webhook outbox in {@code webhook_deliveries}, filled by the V8 triggers. A claim is one statement: due rows
 * locked with {@code FOR UPDATE SKIP LOCKED}, their next try pushed out by the lease and their try counted — so two
 * instances never take the same row, and a row whose instance died is due again when the lease ends. Settling a
 * try names the try it settles ({@code attempts}), so a try that outlived its lease cannot overwrite a later one.
 */
public final class PostgresWebhookDeliveries implements WebhookDeliveries {
    private static final String SELECT = "select id, subscription_id, event, data::text as data, status, attempts,"
            + " last_status_code, last_error, next_attempt_at, created_at, delivered_at from webhook_deliveries ";
    private static final int MAX_ERROR_LENGTH = 500;
    private final Database db;
    private final SecretSealer sealer;

    public PostgresWebhookDeliveries(Database db, SecretSealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    @Override
    public int forgetFinishedBefore(Instant before, int limit) {
        return db.write().update("""
                delete from webhook_deliveries where id in (
                    select id from webhook_deliveries
                    where status in ('delivered', 'dead') and created_at < ?
                    order by created_at limit ?)
                """, ps -> {
            ps.setTimestamp(1, java.sql.Timestamp.from(before));
            ps.setInt(2, limit);
        });
    }

    @Override
    public List<Due> claimDue(Instant now, Duration lease, int limit) {
        return db.write().list("""
                with due as (
                    select id from webhook_deliveries
                    where status in ('pending', 'failed') and next_attempt_at <= ?
                    order by next_attempt_at
                    limit ?
                    for update skip locked
                )
                update webhook_deliveries d
                set attempts = d.attempts + 1, next_attempt_at = ?
                from due, webhook_subscriptions s
                where d.id = due.id and s.id = d.subscription_id
                returning d.id, d.event, d.data::text, d.created_at, d.attempts, s.url, s.secret, s.id
                """, ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            ps.setTimestamp(3, Timestamp.from(now.plus(lease)));
        }, rs -> new Due(new WebhookDeliveryId(rs.getObject(1, UUID.class)), event(rs.getString(2)),
                rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getInt(5), URI.create(rs.getString(6)),
                WebhookSecret.of(sealer.open(rs.getString(7),
                        PostgresWebhookSubscriptions.secretContext(rs.getObject(8, UUID.class))))));
    }

    @Override
    public void delivered(Due d, int statusCode, Instant at) {
        db.write().update("""
                update webhook_deliveries
                set status = 'delivered', last_status_code = ?, last_error = null, next_attempt_at = null,
                    delivered_at = ?
                where id = ? and attempts = ? and status in ('pending', 'failed')
                """, ps -> {
            ps.setInt(1, statusCode);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setObject(3, d.id().value());
            ps.setInt(4, d.attempt());
        });
    }

    @Override
    public void failed(Due d, Integer statusCode, String error, Instant nextAttemptAt) {
        settle(d, "failed", statusCode, error, nextAttemptAt);
    }

    @Override
    public void dead(Due d, Integer statusCode, String error) {
        settle(d, "dead", statusCode, error, null);
    }

    private void settle(Due d, String status, Integer statusCode, String error, Instant next) {
        db.write().update("""
                update webhook_deliveries
                set status = ?, last_status_code = ?, last_error = ?, next_attempt_at = ?
                where id = ? and attempts = ? and status in ('pending', 'failed')
                """, ps -> {
            ps.setString(1, status);
            if (statusCode == null) {
                ps.setNull(2, Types.INTEGER);
            } else {
                ps.setInt(2, statusCode);
            }
            ps.setString(3, error == null || error.length() <= MAX_ERROR_LENGTH ? error
                    : error.substring(0, MAX_ERROR_LENGTH));
            ps.setTimestamp(4, next == null ? null : Timestamp.from(next));
            ps.setObject(5, d.id().value());
            ps.setInt(6, d.attempt());
        });
    }

    @Override
    public List<WebhookDelivery> list(BusinessId business, WebhookSubscriptionId subscription,
                                      WebhookSubscriptions.Position after, int limit) {
        if (after == null) {
            return db.write().list(SELECT + "where business_id = ? and subscription_id = ?"
                    + " order by created_at desc, id desc limit ?", ps -> {
                ps.setObject(1, business.value());
                ps.setObject(2, subscription.value());
                ps.setInt(3, limit);
            }, PostgresWebhookDeliveries::map);
        }
        return db.write().list(SELECT + "where business_id = ? and subscription_id = ? and (created_at, id) < (?, ?)"
                + " order by created_at desc, id desc limit ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, subscription.value());
            ps.setTimestamp(3, Timestamp.from(after.createdAt()));
            ps.setObject(4, after.id());
            ps.setInt(5, limit);
        }, PostgresWebhookDeliveries::map);
    }

    @Override
    public boolean redeliver(BusinessId business, WebhookSubscriptionId subscription, WebhookDeliveryId delivery,
                             Instant now) {
        return db.write().update("""
                update webhook_deliveries
                set status = 'pending', attempts = 0, next_attempt_at = ?, delivered_at = null
                where business_id = ? and subscription_id = ? and id = ?
                """, ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, business.value());
            ps.setObject(3, subscription.value());
            ps.setObject(4, delivery.value());
        }) == 1;
    }

    private static WebhookEvent event(String label) {
        return WebhookEvent.fromLabel(label).orElseThrow(() -> new IllegalStateException("unknown event " + label));
    }

    private static WebhookDelivery map(ResultSet rs) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer lastStatusCode = rs.wasNull() ? null : code;
        return new WebhookDelivery(new WebhookDeliveryId(rs.getObject("id", UUID.class)),
                new WebhookSubscriptionId(rs.getObject("subscription_id", UUID.class)), event(rs.getString("event")),
                rs.getString("data"), DeliveryStatus.fromLabel(rs.getString("status")), rs.getInt("attempts"),
                lastStatusCode, rs.getString("last_error"), instant(rs, "next_attempt_at"),
                rs.getTimestamp("created_at").toInstant(), instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
