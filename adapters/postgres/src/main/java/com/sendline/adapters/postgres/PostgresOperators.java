package com.sendline.adapters.postgres;

import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.Operator;
import com.sendline.domain.tenancy.Operators;

import java.util.Optional;

public final class PostgresOperators implements Operators {
    private final Database db;

    public PostgresOperators(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Operator> find() {
        return db.write().one("select platform_name, contact_email from operator", ps -> { },
                rs -> new Operator(rs.getString(1), new EmailAddress(rs.getString(2))));
    }

    @Override
    public void save(Operator operator) {
        db.write().update("""
                insert into operator (platform_name, contact_email) values (?, ?)
                on conflict (singleton) do update
                   set platform_name = excluded.platform_name, contact_email = excluded.contact_email, updated_at = now()
                """, ps -> {
            ps.setString(1, operator.platformName());
            ps.setString(2, operator.contactEmail().value());
        });
    }
}
