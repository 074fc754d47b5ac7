package com.sendline.adapters.postgres;

import com.sendline.domain.tenancy.AlreadyTaken;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.PasswordHash;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.domain.tenancy.Role;
import com.sendline.domain.tenancy.User;
import com.sendline.domain.tenancy.UserId;
import com.sendline.domain.tenancy.Users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Users are read from the primary only: a sign-in right after sign-up must see the new row. */
public final class PostgresUsers implements Users {
    private final Database db;

    public PostgresUsers(Database db) {
        this.db = db;
    }

    @Override
    public void add(User u) {
        try {
            db.write().update("""
                    insert into users (id, email, password_hash, role, reseller_id, business_id)
                    values (?, ?, ?, ?, ?, ?)
                    """, ps -> {
                ps.setObject(1, u.id().value());
                ps.setString(2, u.email().value());
                ps.setString(3, u.passwordHash().encoded());
                ps.setString(4, u.role().name().toLowerCase(Locale.ROOT));
                ps.setObject(5, u.resellerId() == null ? null : u.resellerId().value());
                ps.setObject(6, u.businessId() == null ? null : u.businessId().value());
            });
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw new AlreadyTaken("e-mail", u.email().value());
            }
            throw e;
        }
    }

    @Override
    public Optional<User> findByEmail(EmailAddress email) {
        return db.write().one("""
                select id, email, password_hash, role, reseller_id, business_id from users where email = ?
                """, ps -> ps.setString(1, email.value()), PostgresUsers::map);
    }

    @Override
    public long count() {
        return db.write().one("select count(*) from users", ps -> { }, rs -> rs.getLong(1)).orElse(0L);
    }

    private static User map(ResultSet rs) throws SQLException {
        UUID reseller = rs.getObject("reseller_id", UUID.class);
        UUID business = rs.getObject("business_id", UUID.class);
        return new User(new UserId(rs.getObject("id", UUID.class)), new EmailAddress(rs.getString("email")),
                new PasswordHash(rs.getString("password_hash")),
                Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)),
                reseller == null ? null : new ResellerId(reseller),
                business == null ? null : new BusinessId(business));
    }
}
