package com.sendline.adapters.postgres;

import com.sendline.domain.contacts.Contact;
import com.sendline.domain.contacts.ContactExists;
import com.sendline.domain.contacts.ContactId;
import com.sendline.domain.contacts.Contacts;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.EmailAddress;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/** Contacts in {@code contacts}; every query names the business in its WHERE clause. */
public final class PostgresContacts implements Contacts {
    private static final String SELECT = "select id, business_id, phone, name, email, tags, created_at, updated_at"
            + " from contacts ";
    private static final String UNIQUE_PHONE = "contacts_business_phone_key";
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9][0-9 ]*");
    /** Joins a row's tags into one array element for the batch; tags never contain control characters. */
    private static final String TAG_SEPARATOR = "\u001f";

    private final Database db;

    public PostgresContacts(Database db) {
        this.db = db;
    }

    @Override
    public void add(Contact c) {
        try {
            db.write().update("""
                    insert into contacts (id, business_id, phone, name, email, tags, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    """, ps -> {
                ps.setObject(1, c.id().value());
                ps.setObject(2, c.businessId().value());
                bindFields(ps, 3, c);
                ps.setTimestamp(7, Timestamp.from(c.createdAt()));
                ps.setTimestamp(8, Timestamp.from(c.updatedAt()));
            });
        } catch (DatabaseException e) {
            throw phoneTakenOr(e, c);
        }
    }

    @Override
    public Optional<Contact> find(BusinessId business, ContactId id) {
        return db.write().one(SELECT + "where business_id = ? and id = ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, id.value());
        }, PostgresContacts::map);
    }

    @Override
    public Optional<Contact> findByPhone(BusinessId business, PhoneNumber phone) {
        return db.write().one(SELECT + "where business_id = ? and phone = ?", ps -> {
            ps.setObject(1, business.value());
            ps.setString(2, phone.e164());
        }, PostgresContacts::map);
    }

    @Override
    public boolean update(Contact c) {
        try {
            return db.write().update("""
                    update contacts set phone = ?, name = ?, email = ?, tags = ?, updated_at = ?
                    where business_id = ? and id = ?
                    """, ps -> {
                bindFields(ps, 1, c);
                ps.setTimestamp(5, Timestamp.from(c.updatedAt()));
                ps.setObject(6, c.businessId().value());
                ps.setObject(7, c.id().value());
            }) == 1;
        } catch (DatabaseException e) {
            throw phoneTakenOr(e, c);
        }
    }

    @Override
    public boolean remove(BusinessId business, ContactId id) {
        return db.write().update("delete from contacts where business_id = ? and id = ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, id.value());
        }) == 1;
    }

    @Override
    public List<Contact> list(BusinessId business, Query query, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append("where business_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(business.value());
        if (query.afterCreated() != null && query.afterId() != null) {
            sql.append(" and (created_at, id) > (?, ?)");
            args.add(Timestamp.from(query.afterCreated()));
            args.add(query.afterId().value());
        }
        String search = query.search() == null ? null : query.search().strip();
        if (search != null && !search.isEmpty()) {
            if (NUMBER.matcher(search).matches()) {
                String digits = search.replace(" ", "").replace("+", "");
                sql.append(" and phone like ?");
                args.add("+" + digits + "%");
            } else {
                sql.append(" and lower(name) like ?");
                args.add(likeEscaped(search.toLowerCase(java.util.Locale.ROOT)) + "%");
            }
        }
        if (query.tag() != null && !query.tag().isBlank()) {
            sql.append(" and tags @> array[?]::text[]");
            args.add(query.tag().strip());
        }
        sql.append(" order by created_at, id limit ?");
        args.add(limit);
        return db.write().list(sql.toString(), ps -> {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
        }, PostgresContacts::map);
    }

    /**
     * One statement for the whole batch: the rows travel as parallel arrays and are unnested by the server, so 10,000
     * contacts cost one round trip and either all land or none. {@code xmax = 0} tells a fresh insert from an update.
     */
    @Override
    public Upserted upsertAll(BusinessId business, List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return new Upserted(0, 0);
        }
        int n = contacts.size();
        UUID[] ids = new UUID[n];
        String[] phones = new String[n];
        String[] names = new String[n];
        String[] emails = new String[n];
        String[] tags = new String[n];
        Timestamp[] created = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            Contact c = contacts.get(i);
            if (!c.businessId().equals(business)) {
                throw new IllegalArgumentException("contact " + c.id() + " belongs to another business");
            }
            ids[i] = c.id().value();
            phones[i] = c.phone().e164();
            names[i] = c.name();
            emails[i] = c.email() == null ? null : c.email().value();
            tags[i] = String.join(TAG_SEPARATOR, c.tags());
            created[i] = Timestamp.from(c.createdAt());
        }
        List<Boolean> inserted = db.write().list("""
                insert into contacts as c (id, business_id, phone, name, email, tags, created_at, updated_at)
                select r.id, ?, r.phone, r.name, r.email,
                       case when r.tags = '' then '{}'::text[] else string_to_array(r.tags, chr(31)) end,
                       r.created_at, r.created_at
                from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                     as r (id, phone, name, email, tags, created_at)
                on conflict (business_id, phone) do update set
                    name = coalesce(excluded.name, c.name),
                    email = coalesce(excluded.email, c.email),
                    tags = case when cardinality(excluded.tags) = 0 then c.tags else excluded.tags end,
                    updated_at = excluded.updated_at
                returning (c.xmax = 0)
                """, ps -> {
            ps.setObject(1, business.value());
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", ids));
            ps.setArray(3, ps.getConnection().createArrayOf("text", phones));
            ps.setArray(4, ps.getConnection().createArrayOf("text", names));
            ps.setArray(5, ps.getConnection().createArrayOf("text", emails));
            ps.setArray(6, ps.getConnection().createArrayOf("text", tags));
            ps.setArray(7, ps.getConnection().createArrayOf("timestamptz", created));
        }, rs -> rs.getBoolean(1));
        int added = (int) inserted.stream().filter(b -> b).count();
        return new Upserted(added, inserted.size() - added);
    }

    private static void bindFields(PreparedStatement ps, int from, Contact c) throws SQLException {
        ps.setString(from, c.phone().e164());
        ps.setString(from + 1, c.name());
        ps.setString(from + 2, c.email() == null ? null : c.email().value());
        ps.setArray(from + 3, ps.getConnection().createArrayOf("text", c.tags().toArray()));
    }

    private RuntimeException phoneTakenOr(DatabaseException e, Contact c) {
        if (e.isUniqueViolation() && UNIQUE_PHONE.equals(e.constraint())) {
            ContactId existing = findByPhone(c.businessId(), c.phone()).map(Contact::id).orElse(null);
            return new ContactExists(existing, "the business already has a contact with phone number " + c.phone());
        }
        return e;
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Contact map(ResultSet rs) throws SQLException {
        String email = rs.getString(5);
        return new Contact(new ContactId(rs.getObject(1, UUID.class)), new BusinessId(rs.getObject(2, UUID.class)),
                new PhoneNumber(rs.getString(3)), rs.getString(4), email == null ? null : new EmailAddress(email),
                new TreeSet<>(Arrays.asList((String[]) rs.getArray(6).getArray())),
                rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant());
    }
}
