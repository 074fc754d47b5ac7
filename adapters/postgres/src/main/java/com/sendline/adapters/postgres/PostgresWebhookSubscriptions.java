package com.sendline.adapters.postgres;

import com.sendline.domain.crypto.SecretSealer;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.webhook.WebhookEvent;
import com.sendline.domain.webhook.WebhookSecret;
import com.sendline.domain.webhook.WebhookSubscription;
import com.sendline.domain.webhook.WebhookSubscriptionId;
import com.sendline.domain.webhook.WebhookSubscriptions;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook subscriptions in {@code webhook_subscriptions}; the secret is sealed, written here and opened only to sign
 * ({@link PostgresWebhookDeliveries}).
 */
public final class PostgresWebhookSubscriptions implements WebhookSubscriptions {
    private static final String SELECT = "select id, business_id, url, events, description, created_at"
            + " from webhook_subscriptions ";
    private final Database db;
    private final SecretSealer sealer;

    public PostgresWebhookSubscriptions(Database db, SecretSealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    /** Where a subscription's secret is sealed; {@link PostgresWebhookDeliveries} opens it with the same. */
    static String secretContext(UUID subscription) {
        return SecretSealer.context("webhook_subscriptions", subscription, "secret");
    }

    @Override
    public void add(WebhookSubscription s, WebhookSecret secret) {
        db.write().update("""
                insert into webhook_subscriptions (id, business_id, url, events, description, secret, created_at)
                values (?, ?, ?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, s.id().value());
            ps.setObject(2, s.business().value());
            ps.setString(3, s.url().toString());
            ps.setArray(4, ps.getConnection().createArrayOf("text",
                    s.events().stream().map(WebhookEvent::label).toArray()));
            ps.setString(5, s.description());
            ps.setString(6, sealer.seal(secret.reveal(), secretContext(s.id().value())));
            ps.setTimestamp(7, Timestamp.from(s.createdAt()));
        });
    }

    @Override
    public Optional<WebhookSecret> secret(BusinessId business, WebhookSubscriptionId id) {
        return db.write().one("select secret from webhook_subscriptions where business_id = ? and id = ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, id.value());
        }, rs -> WebhookSecret.of(sealer.open(rs.getString(1), secretContext(id.value()))));
    }

    @Override
    public Optional<WebhookSubscription> find(BusinessId business, WebhookSubscriptionId id) {
        return db.write().one(SELECT + "where business_id = ? and id = ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, id.value());
        }, PostgresWebhookSubscriptions::map);
    }

    @Override
    public List<WebhookSubscription> list(BusinessId business, Position after, int limit) {
        if (after == null) {
            return db.write().list(SELECT + "where business_id = ? order by created_at desc, id desc limit ?", ps -> {
                ps.setObject(1, business.value());
                ps.setInt(2, limit);
            }, PostgresWebhookSubscriptions::map);
        }
        return db.write().list(SELECT + "where business_id = ? and (created_at, id) < (?, ?)"
                + " order by created_at desc, id desc limit ?", ps -> {
            ps.setObject(1, business.value());
            ps.setTimestamp(2, Timestamp.from(after.createdAt()));
            ps.setObject(3, after.id());
            ps.setInt(4, limit);
        }, PostgresWebhookSubscriptions::map);
    }

    @Override
    public boolean remove(BusinessId business, WebhookSubscriptionId id) {
        return db.write().update("delete from webhook_subscriptions where business_id = ? and id = ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, id.value());
        }) == 1;
    }

    /**
     * Seals the secrets of subscriptions made before sealing existed (migration V10), each in one compare-and-set
     * update.
     *
     * @return subscriptions sealed now
     */
    public int sealLegacy() {
        record Row(UUID id, String secret) {
        }
        List<Row> legacy = db.write().list("select id, secret from webhook_subscriptions where left(secret, 10) <> ?",
                ps -> ps.setString(1, SecretSealer.PREFIX), rs -> new Row(rs.getObject(1, UUID.class),
                        rs.getString(2)));
        int sealed = 0;
        for (Row row : legacy) {
            sealed += db.write().update("update webhook_subscriptions set secret = ? where id = ? and secret = ?",
                    ps -> {
                        ps.setString(1, sealer.seal(row.secret(), secretContext(row.id())));
                        ps.setObject(2, row.id());
                        ps.setString(3, row.secret());
                    });
        }
        return sealed;
    }

    /**
     * Opens one sealed secret, if there is one: the start-up check that this instance's key is the installation's.
     *
     * @throws com.sendline.domain.crypto.UnreadableSecret when it does not open
     */
    public void openOneSealed() {
        db.write().one("select id, secret from webhook_subscriptions where left(secret, 10) = ? limit 1",
                ps -> ps.setString(1, SecretSealer.PREFIX),
                rs -> sealer.open(rs.getString(2), secretContext(rs.getObject(1, UUID.class))));
    }

    private static WebhookSubscription map(ResultSet rs) throws SQLException {
        EnumSet<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        for (Object label : (Object[]) rs.getArray("events").getArray()) {
            WebhookEvent.fromLabel((String) label).ifPresent(events::add);
        }
        return new WebhookSubscription(new WebhookSubscriptionId(rs.getObject("id", UUID.class)),
                new BusinessId(rs.getObject("business_id", UUID.class)), URI.create(rs.getString("url")), events,
                rs.getString("description"), rs.getTimestamp("created_at").toInstant());
    }
}
