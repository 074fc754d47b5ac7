package com.sendline.adapters.postgres;

import com.sendline.domain.tenancy.AlreadyTaken;
import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.Colour;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.HostName;
import com.sendline.domain.tenancy.Reseller;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.domain.tenancy.Resellers;
import com.sendline.domain.tenancy.Slug;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

public final class PostgresResellers implements Resellers {
    private static final String SELECT = """
            select r.id, r.name, r.slug, r.display_name, r.logo_url, r.primary_colour, r.support_email,
                   coalesce(array_agg(d.host order by d.host) filter (where d.host is not null), '{}') as domains
              from resellers r left join reseller_domains d on d.reseller_id = r.id
            """;
    private final Database db;
    private final ReadRoute reads;

    /** @param reads where lists and lookups go; REPLICA is fine here, branding is cached and changes rarely */
    public PostgresResellers(Database db, ReadRoute reads) {
        this.db = db;
        this.reads = reads;
    }

    @Override
    public void add(Reseller reseller) {
        try {
            db.write().transaction(c -> {
                db.write().update(c, """
                        insert into resellers (id, name, slug, display_name, logo_url, primary_colour, support_email)
                        values (?, ?, ?, ?, ?, ?, ?)
                        """, ps -> {
                    ps.setObject(1, reseller.id().value());
                    ps.setString(2, reseller.name());
                    ps.setString(3, reseller.slug().value());
                    bindBranding(ps, 4, reseller.branding());
                });
                for (HostName host : reseller.domains()) {
                    db.write().update(c, "insert into reseller_domains (host, reseller_id) values (?, ?)", ps -> {
                        ps.setString(1, host.value());
                        ps.setObject(2, reseller.id().value());
                    });
                }
                return null;
            });
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                String constraint = String.valueOf(e.constraint());
                if (constraint.startsWith("reseller_domains")) {
                    throw new AlreadyTaken("domain", String.join(", ", reseller.domains().stream()
                            .map(HostName::value).sorted().toList()));
                }
                if (constraint.contains("slug")) {
                    throw new AlreadyTaken("slug", reseller.slug().value());
                }
            }
            throw e;
        }
    }

    @Override
    public Optional<Reseller> find(ResellerId id) {
        return db.read(reads).one(SELECT + " where r.id = ? group by r.id",
                ps -> ps.setObject(1, id.value()), PostgresResellers::map);
    }

    @Override
    public Optional<Reseller> findByHost(HostName host) {
        return db.read(reads).one(SELECT + """
                 where r.id = (select reseller_id from reseller_domains where host = ?) group by r.id
                """, ps -> ps.setString(1, host.value()), PostgresResellers::map);
    }

    @Override
    public List<Reseller> list() {
        return db.read(reads).list(SELECT + " group by r.id order by r.name", ps -> { }, PostgresResellers::map);
    }

    @Override
    public boolean updateBranding(ResellerId id, Branding branding) {
        return db.write().update("""
                update resellers set display_name = ?, logo_url = ?, primary_colour = ?, support_email = ?,
                                     updated_at = now()
                 where id = ?
                """, ps -> {
            bindBranding(ps, 1, branding);
            ps.setObject(5, id.value());
        }) == 1;
    }

    private static void bindBranding(java.sql.PreparedStatement ps, int first, Branding b) throws SQLException {
        ps.setString(first, b.displayName());
        ps.setString(first + 1, b.logo().map(URI::toString).orElse(null));
        ps.setString(first + 2, b.primaryColour().hex());
        ps.setString(first + 3, b.supportEmail().value());
    }

    private static Reseller map(ResultSet rs) throws SQLException {
        String logo = rs.getString("logo_url");
        Branding branding = new Branding(rs.getString("display_name"), logo == null ? null : URI.create(logo),
                new Colour(rs.getString("primary_colour")), new EmailAddress(rs.getString("support_email")));
        Set<HostName> domains = new HashSet<>();
        Array array = rs.getArray("domains");
        for (Object host : (Object[]) array.getArray()) {
            domains.add(new HostName((String) host));
        }
        return new Reseller(new ResellerId(rs.getObject("id", UUID.class)), rs.getString("name"),
                new Slug(rs.getString("slug")), domains, branding);
    }
}
