package com.sendline.adapters.postgres;

import com.sendline.domain.apiaccess.ApiKey;
import com.sendline.domain.apiaccess.ApiKeyId;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.ApiKeys;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.ResellerId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API keys in {@code api_keys}; every owner-scoped query names the owner in its WHERE clause. */
public final class PostgresApiKeys implements ApiKeys {
    private static final String SELECT = "select id, business_id, reseller_id, name, prefix, secret_hash, scopes,"
            + " created_at, last_used_at, revoked_at from api_keys ";
    private final Database db;

    public PostgresApiKeys(Database db) {
        this.db = db;
    }

    @Override
    public void add(ApiKey k) {
        db.write().update("""
                insert into api_keys (id, business_id, reseller_id, name, prefix, secret_hash, scopes, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, k.id().value());
            ps.setObject(2, k.owner() instanceof ApiKeyOwner.OfBusiness b ? b.business().value() : null);
            ps.setObject(3, k.owner() instanceof ApiKeyOwner.OfReseller r ? r.reseller().value() : null);
            ps.setString(4, k.name());
            ps.setString(5, k.prefix());
            ps.setString(6, k.secretHash());
            ps.setArray(7, ps.getConnection().createArrayOf("text",
                    k.scopes().stream().map(Scope::label).sorted().toArray()));
            ps.setTimestamp(8, Timestamp.from(k.createdAt()));
        });
    }

    @Override
    public Optional<ApiKey> byPrefix(String prefix) {
        return db.write().one(SELECT + "where prefix = ?", ps -> ps.setString(1, prefix), PostgresApiKeys::map);
    }

    @Override
    public List<ApiKey> list(ApiKeyOwner owner) {
        return db.write().list(SELECT + "where " + ownerColumn(owner) + " = ? order by created_at desc, id",
                ps -> ps.setObject(1, ownerId(owner)), PostgresApiKeys::map);
    }

    @Override
    public boolean revoke(ApiKeyOwner owner, ApiKeyId id, Instant at) {
        return db.write().update("update api_keys set revoked_at = ? where id = ? and " + ownerColumn(owner)
                + " = ? and revoked_at is null", ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, id.value());
            ps.setObject(3, ownerId(owner));
        }) == 1;
    }

    @Override
    public void used(ApiKeyId id, Instant at) {
        db.write().update("update api_keys set last_used_at = ? where id = ? and (last_used_at is null or"
                + " last_used_at < ?)", ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, id.value());
            ps.setTimestamp(3, Timestamp.from(at));
        });
    }

    private static String ownerColumn(ApiKeyOwner owner) {
        return switch (owner) {
            case ApiKeyOwner.OfBusiness b -> "business_id";
            case ApiKeyOwner.OfReseller r -> "reseller_id";
        };
    }

    private static UUID ownerId(ApiKeyOwner owner) {
        return switch (owner) {
            case ApiKeyOwner.OfBusiness b -> b.business().value();
            case ApiKeyOwner.OfReseller r -> r.reseller().value();
        };
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        UUID business = rs.getObject("business_id", UUID.class);
        ApiKeyOwner owner = business != null ? new ApiKeyOwner.OfBusiness(new BusinessId(business))
                : new ApiKeyOwner.OfReseller(new ResellerId(rs.getObject("reseller_id", UUID.class)));
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (Object label : (Object[]) rs.getArray("scopes").getArray()) {
            Scope.fromLabel((String) label).ifPresent(scopes::add);
        }
        return new ApiKey(new ApiKeyId(rs.getObject("id", UUID.class)), owner, rs.getString("name"),
                rs.getString("prefix"), rs.getString("secret_hash"), scopes, instant(rs, "created_at"),
                instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
