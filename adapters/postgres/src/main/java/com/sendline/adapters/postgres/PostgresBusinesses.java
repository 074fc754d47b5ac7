package com.sendline.adapters.postgres;

import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.BusinessStatus;
import com.sendline.domain.tenancy.Businesses;
import com.sendline.domain.tenancy.ResellerId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

public final class PostgresBusinesses implements Businesses {
    private static final String SELECT = "select id, reseller_id, name, time_zone, status from businesses ";
    private final Database db;
    private final ReadRoute reads;

    public PostgresBusinesses(Database db, ReadRoute reads) {
        this.db = db;
        this.reads = reads;
    }

    @Override
    public void add(Business b) {
        db.write().update("""
                insert into businesses (id, reseller_id, name, time_zone, status) values (?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, b.id().value());
            ps.setObject(2, b.resellerId().value());
            ps.setString(3, b.name());
            ps.setString(4, b.timeZone().getId());
            ps.setString(5, b.status().name().toLowerCase(Locale.ROOT));
        });
    }

    @Override
    public Optional<Business> find(ResellerId reseller, BusinessId business) {
        return db.read(reads).one(SELECT + "where reseller_id = ? and id = ?", ps -> {
            ps.setObject(1, reseller.value());
            ps.setObject(2, business.value());
        }, PostgresBusinesses::map);
    }

    @Override
    public Optional<Business> self(BusinessId business) {
        return db.read(reads).one(SELECT + "where id = ?", ps -> ps.setObject(1, business.value()),
                PostgresBusinesses::map);
    }

    @Override
    public List<Business> list(ResellerId reseller) {
        return db.read(reads).list(SELECT + "where reseller_id = ? order by name, id",
                ps -> ps.setObject(1, reseller.value()), PostgresBusinesses::map);
    }

    @Override
    public boolean setStatus(ResellerId reseller, BusinessId business, BusinessStatus status) {
        return db.write().update("""
                update businesses set status = ?, updated_at = now() where reseller_id = ? and id = ?
                """, ps -> {
            ps.setString(1, status.name().toLowerCase(Locale.ROOT));
            ps.setObject(2, reseller.value());
            ps.setObject(3, business.value());
        }) == 1;
    }

    private static Business map(ResultSet rs) throws SQLException {
        return new Business(new BusinessId(rs.getObject("id", UUID.class)),
                new ResellerId(rs.getObject("reseller_id", UUID.class)), rs.getString("name"),
                ZoneId.of(rs.getString("time_zone")),
                BusinessStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)));
    }
}
