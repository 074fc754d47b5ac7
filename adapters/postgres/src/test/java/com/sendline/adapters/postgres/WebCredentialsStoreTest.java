package com.sendline.adapters.postgres;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.device.WebCredentials.Link;
import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.BusinessStatus;
import com.sendline.domain.tenancy.Colour;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.Reseller;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.domain.tenancy.Slug;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WhatsApp Web credentials in Postgres: one row per device, writes bound to the current session, gone with the device. */
class WebCredentialsStoreTest {
    private static final String FORMAT = "test-format-1";
    private TestDatabase schema;
    private Schemas schemas;
    private PostgresDevices devices;
    private PostgresWebCredentials credentials;
    private BusinessId business;
    private Device device;

    @BeforeEach
    void setUp() {
        schema = TestServices.freshDatabase();
        schemas = new Schemas();
        Database db = Database.primaryOnly(schemas.migrated(schema));
        devices = new PostgresDevices(db, ReadRoute.PRIMARY);
        credentials = new PostgresWebCredentials(db, com.sendline.adapters.crypto.TinkSecretSealer.fromKeysetJson(
                com.sendline.adapters.crypto.TinkSecretSealer.newKeysetJson()));
        Reseller r = new Reseller(ResellerId.random(), "Reseller", new Slug("web-creds"), Set.of(),
                new Branding("Brand", URI.create("https://cdn.example/logo.png"), new Colour("#112233"),
                        new EmailAddress("help@example.com")));
        new PostgresResellers(db, ReadRoute.PRIMARY).add(r);
        Business b = new Business(BusinessId.random(), r.id(), "Shop", ZoneId.of("Europe/Berlin"), BusinessStatus.ACTIVE);
        new PostgresBusinesses(db, ReadRoute.PRIMARY).add(b);
        business = b.id();
        device = Device.newDevice(business, Channel.WEB, null, "Front desk");
        devices.add(device);
    }

    @AfterEach
    void tearDown() throws Exception {
        schemas.close();
        schema.close();
    }

    @Test
    void keys_and_store_come_back_byte_for_byte_and_the_link_follows_the_phone() {
        UUID session = UUID.randomUUID();
        credentials.beginPairing(business, device.id(), session, FORMAT);
        assertThat(credentials.find(business, device.id())).get()
                .satisfies(s -> assertThat(s.link()).isEqualTo(Link.PAIRING))
                .satisfies(s -> assertThat(s.keys()).isNull());

        byte[] keys = {0, 1, 2, (byte) 0xff, 0, 42};
        byte[] store = new byte[70_000];
        new java.util.Random(7).nextBytes(store);
        assertThat(credentials.saveKeys(business, device.id(), session, keys, false)).isTrue();
        assertThat(credentials.find(business, device.id()).orElseThrow().link()).isEqualTo(Link.PAIRING);
        assertThat(credentials.saveKeys(business, device.id(), session, keys, true)).isTrue();
        assertThat(credentials.saveStore(business, device.id(), session, store)).isTrue();
        // A later write without the flag does not un-link the device.
        assertThat(credentials.saveKeys(business, device.id(), session, keys, false)).isTrue();

        WebCredentials.Stored stored = credentials.find(business, device.id()).orElseThrow();
        assertThat(stored.link()).isEqualTo(Link.LINKED);
        assertThat(stored.session()).isEqualTo(session);
        assertThat(stored.format()).isEqualTo(FORMAT);
        assertThat(stored.keys()).isEqualTo(keys);
        assertThat(stored.store()).isEqualTo(store);
        assertThat(stored.toString()).doesNotContain("[0, 1, 2").contains("6 bytes");
    }

    @Test
    void a_new_pairing_replaces_the_old_one_and_the_old_session_can_no_longer_write() {
        UUID old = UUID.randomUUID();
        credentials.beginPairing(business, device.id(), old, FORMAT);
        credentials.saveKeys(business, device.id(), old, new byte[]{1}, true);

        UUID fresh = UUID.randomUUID();
        credentials.beginPairing(business, device.id(), fresh, FORMAT);
        assertThat(credentials.saveKeys(business, device.id(), old, new byte[]{9}, true)).isFalse();
        assertThat(credentials.saveStore(business, device.id(), old, new byte[]{9})).isFalse();
        assertThat(credentials.loggedOut(business, device.id(), old)).isFalse();

        WebCredentials.Stored stored = credentials.find(business, device.id()).orElseThrow();
        assertThat(stored.session()).isEqualTo(fresh);
        assertThat(stored.link()).isEqualTo(Link.PAIRING);
        assertThat(stored.keys()).isNull();
    }

    @Test
    void a_logout_wipes_the_keys_and_nothing_writes_them_back() {
        UUID session = UUID.randomUUID();
        credentials.beginPairing(business, device.id(), session, FORMAT);
        credentials.saveKeys(business, device.id(), session, new byte[]{1, 2}, true);
        credentials.saveStore(business, device.id(), session, new byte[]{3});

        assertThat(credentials.loggedOut(business, device.id(), session)).isTrue();
        // The driver may still flush its state while closing: it must not resurrect the keys.
        assertThat(credentials.saveKeys(business, device.id(), session, new byte[]{1, 2}, true)).isFalse();

        WebCredentials.Stored stored = credentials.find(business, device.id()).orElseThrow();
        assertThat(stored.link()).isEqualTo(Link.LOGGED_OUT);
        assertThat(stored.keys()).isNull();
        assertThat(stored.store()).isNull();
    }

    @Test
    void another_business_sees_and_changes_nothing_and_only_web_devices_pair() {
        UUID session = UUID.randomUUID();
        credentials.beginPairing(business, device.id(), session, FORMAT);
        BusinessId other = BusinessId.random();

        assertThat(credentials.find(other, device.id())).isEmpty();
        assertThat(credentials.saveKeys(other, device.id(), session, new byte[]{1}, true)).isFalse();
        assertThatThrownBy(() -> credentials.beginPairing(other, device.id(), UUID.randomUUID(), FORMAT))
                .isInstanceOf(IllegalArgumentException.class);

        Device simulator = Device.newDevice(business, Channel.SIMULATOR, new PhoneNumber("+4915111111111"), "Sim");
        devices.add(simulator);
        assertThatThrownBy(() -> credentials.beginPairing(business, simulator.id(), UUID.randomUUID(), FORMAT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WhatsApp Web");
    }

    @Test
    void removing_the_device_removes_its_credentials() {
        UUID session = UUID.randomUUID();
        credentials.beginPairing(business, device.id(), session, FORMAT);
        credentials.saveKeys(business, device.id(), session, new byte[]{1}, true);

        assertThat(devices.remove(business, device.id())).isTrue();

        assertThat(credentials.find(business, device.id())).isEmpty();
        assertThat(credentials.saveKeys(business, device.id(), session, new byte[]{1}, true)).isFalse();
    }

    @Test
    void a_web_device_learns_its_phone_number() {
        devices.setPhoneNumber(business, device.id(), new PhoneNumber("+4915123456789"));
        devices.setPhoneNumber(BusinessId.random(), device.id(), new PhoneNumber("+4915199999999"));

        assertThat(devices.find(business, device.id()).orElseThrow().phoneNumber())
                .isEqualTo(new PhoneNumber("+4915123456789"));
    }
}
