package com.sendline.adapters.postgres;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.AlreadyTaken;
import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.BusinessStatus;
import com.sendline.domain.tenancy.Colour;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.HostName;
import com.sendline.domain.tenancy.PasswordHash;
import com.sendline.domain.tenancy.Reseller;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.domain.tenancy.Role;
import com.sendline.domain.tenancy.Slug;
import com.sendline.domain.tenancy.User;
import com.sendline.domain.tenancy.UserId;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenancyStoresTest {
    private TestDatabase schema;
    private Schemas schemas;
    private Database db;
    private PostgresResellers resellers;
    private PostgresBusinesses businesses;
    private PostgresDevices devices;
    private PostgresUsers users;

    @BeforeEach
    void setUp() {
        schema = TestServices.freshDatabase();
        schemas = new Schemas();
        db = Database.primaryOnly(schemas.migrated(schema));
        resellers = new PostgresResellers(db, ReadRoute.PRIMARY);
        businesses = new PostgresBusinesses(db, ReadRoute.PRIMARY);
        devices = new PostgresDevices(db, ReadRoute.PRIMARY);
        users = new PostgresUsers(db);
    }

    @AfterEach
    void tearDown() throws Exception {
        schemas.close();
        schema.close();
    }

    private Reseller reseller(String slug, String... hosts) {
        Set<HostName> domains = new java.util.HashSet<>();
        for (String h : hosts) {
            domains.add(new HostName(h));
        }
        Reseller r = new Reseller(ResellerId.random(), "Reseller " + slug, new Slug(slug), domains,
                new Branding("Brand " + slug, URI.create("https://cdn.example/" + slug + ".png"),
                        new Colour("#112233"), new EmailAddress("help@" + slug + ".example")));
        resellers.add(r);
        return r;
    }

    private Business business(Reseller r, String name) {
        Business b = new Business(BusinessId.random(), r.id(), name, ZoneId.of("Europe/Berlin"), BusinessStatus.ACTIVE);
        businesses.add(b);
        return b;
    }

    @Test
    void a_reseller_is_found_by_any_of_its_domains_with_its_branding() {
        Reseller acme = reseller("acme", "portal.acme.example", "acme.example");
        reseller("other", "other.example");

        assertThat(resellers.findByHost(new HostName("acme.example"))).contains(acme);
        assertThat(resellers.findByHost(new HostName("portal.acme.example")).orElseThrow().branding().displayName())
                .isEqualTo("Brand acme");
        assertThat(resellers.findByHost(new HostName("nobody.example"))).isEmpty();
        assertThat(resellers.list()).hasSize(2);
    }

    @Test
    void a_domain_or_slug_cannot_belong_to_two_resellers_and_nothing_is_half_written() {
        reseller("acme", "acme.example");

        assertThatThrownBy(() -> reseller("acme2", "fresh.example", "acme.example"))
                .isInstanceOf(AlreadyTaken.class).hasMessageContaining("domain");
        assertThatThrownBy(() -> reseller("acme", "another.example"))
                .isInstanceOf(AlreadyTaken.class).hasMessageContaining("slug 'acme'");
        // the failed reseller's other domain was rolled back with it
        assertThat(resellers.findByHost(new HostName("fresh.example"))).isEmpty();
        assertThat(resellers.list()).hasSize(1);
    }

    @Test
    void branding_updates_are_stored() {
        Reseller acme = reseller("acme", "acme.example");
        Branding fresh = new Branding("Acme Blue", null, new Colour("#0000ff"), new EmailAddress("hi@acme.example"));

        assertThat(resellers.updateBranding(acme.id(), fresh)).isTrue();
        assertThat(resellers.find(acme.id()).orElseThrow().branding()).isEqualTo(fresh);
        assertThat(resellers.updateBranding(ResellerId.random(), fresh)).isFalse();
    }

    @Test
    void a_business_is_only_reachable_through_its_own_reseller() {
        Reseller acme = reseller("acme", "acme.example");
        Reseller other = reseller("other", "other.example");
        Business bakery = business(acme, "Bakery");

        assertThat(businesses.find(acme.id(), bakery.id())).contains(bakery);
        assertThat(businesses.find(other.id(), bakery.id())).isEmpty();
        assertThat(businesses.list(other.id())).isEmpty();
        assertThat(businesses.setStatus(other.id(), bakery.id(), BusinessStatus.SUSPENDED)).isFalse();
        assertThat(businesses.setStatus(acme.id(), bakery.id(), BusinessStatus.SUSPENDED)).isTrue();
        assertThat(businesses.find(acme.id(), bakery.id()).orElseThrow().status()).isEqualTo(BusinessStatus.SUSPENDED);
    }

    @Test
    void a_device_is_only_reachable_through_its_own_business() {
        Reseller acme = reseller("acme", "acme.example");
        Business bakery = business(acme, "Bakery");
        Business florist = business(acme, "Florist");
        Device phone = Device.newDevice(bakery.id(), Channel.SIMULATOR, new PhoneNumber("+4915112345678"), "Shop");
        devices.add(phone);

        assertThat(devices.find(bakery.id(), phone.id())).contains(phone);
        assertThat(devices.find(florist.id(), phone.id())).isEmpty();
        assertThat(devices.list(florist.id())).isEmpty();
        assertThat(devices.remove(florist.id(), phone.id())).isFalse();
        assertThat(devices.list(bakery.id())).containsExactly(phone);
        assertThat(devices.remove(bakery.id(), phone.id())).isTrue();
        assertThat(devices.list(bakery.id())).isEmpty();
    }

    @Test
    void users_sign_in_by_case_insensitive_email_which_is_unique() {
        Reseller acme = reseller("acme", "acme.example");
        Business bakery = business(acme, "Bakery");
        User owner = User.businessUser(UserId.random(), EmailAddress.of("Owner@Bakery.example"),
                new PasswordHash("$argon2id$stub"), bakery);
        users.add(owner);

        User found = users.findByEmail(EmailAddress.of("OWNER@bakery.EXAMPLE")).orElseThrow();
        assertThat(found).isEqualTo(owner);
        assertThat(found.role()).isEqualTo(Role.BUSINESS_USER);
        assertThat(users.count()).isEqualTo(1);
        assertThatThrownBy(() -> users.add(User.operator(UserId.random(), EmailAddress.of("owner@bakery.example"),
                new PasswordHash("x")))).isInstanceOf(AlreadyTaken.class);
    }

    @Test
    void the_schema_itself_refuses_a_user_whose_scope_does_not_match_the_role() {
        assertThatThrownBy(() -> schema.execute("""
                insert into users (id, email, password_hash, role) values (gen_random_uuid(), 'a@b.example', 'x', 'business_user')
                """)).hasMessageContaining("users_scope_matches_role");
    }

    @Test
    void every_business_owned_table_has_an_indexed_business_id() {
        var missing = db.write().list("""
                select c.table_name from information_schema.columns c
                 where c.table_schema = current_schema() and c.column_name = 'business_id'
                   and not exists (select 1 from pg_indexes i
                                    where i.schemaname = c.table_schema and i.tablename = c.table_name
                                      and i.indexdef ~ ('\\(business_id'))
                """, ps -> { }, rs -> rs.getString(1));
        assertThat(missing).isEmpty();
        var tables = db.write().list("""
                select table_name from information_schema.columns
                 where table_schema = current_schema() and column_name = 'business_id' order by 1
                """, ps -> { }, rs -> rs.getString(1));
        assertThat(tables).contains("devices", "users");
    }

    @Test
    void migrations_run_again_apply_nothing() {
        assertThat(PostgresMigrations.migrate(PostgresUrl.parse(schema.jdbcUrl()))).isZero();
    }
}
