package com.sendline.adapters.postgres;

import com.sendline.adapters.crypto.TinkSecretSealer;
import com.sendline.domain.crypto.SecretSealer;
import com.sendline.domain.crypto.UnreadableSecret;
import com.sendline.domain.device.Channel;
import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.BusinessStatus;
import com.sendline.domain.tenancy.Colour;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.Reseller;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.domain.tenancy.Slug;
import com.sendline.domain.webhook.WebhookDeliveries;
import com.sendline.domain.webhook.WebhookSecret;
import com.sendline.domain.webhook.WebhookSubscription;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secrets at rest (migration V10): what lands in the columns is sealed and holds no plaintext, a sealed value opens
 * only in its own row and column and only under the installation's keyset, rows written before sealing still work and
 * get sealed, and a rotated keyset still opens what the old one sealed.
 */
class SealedSecretsTest {
    private static final String ACCESS_TOKEN = "EAAGaccesstoken0123456789";
    private static final String APP_SECRET = "appsecret0123456789abcdef";
    private static final String VERIFY_TOKEN = "verify-me-0123456789";

    private final String keyset = TinkSecretSealer.newKeysetJson();
    private final SecretSealer sealer = TinkSecretSealer.fromKeysetJson(keyset);
    private TestDatabase schema;
    private Schemas schemas;
    private Database db;
    private BusinessId business;
    private PostgresDevices devices;

    @BeforeEach
    void setUp() {
        schema = TestServices.freshDatabase();
        schemas = new Schemas();
        db = Database.primaryOnly(schemas.migrated(schema));
        devices = new PostgresDevices(db, ReadRoute.PRIMARY);
        Reseller r = new Reseller(ResellerId.random(), "Reseller", new Slug("sealed"), Set.of(),
                new Branding("Brand", URI.create("https://cdn.example/logo.png"), new Colour("#112233"),
                        new EmailAddress("help@example.com")));
        new PostgresResellers(db, ReadRoute.PRIMARY).add(r);
        Business b = new Business(BusinessId.random(), r.id(), "Shop", ZoneId.of("Europe/Berlin"), BusinessStatus.ACTIVE);
        new PostgresBusinesses(db, ReadRoute.PRIMARY).add(b);
        business = b.id();
    }

    @AfterEach
    void tearDown() throws Exception {
        schemas.close();
        schema.close();
    }

    // --- Cloud API numbers -------------------------------------------------------------------------------------

    @Test
    void cloud_secrets_are_sealed_in_the_table_and_come_back_in_the_clear() {
        PostgresCloudNumbers numbers = new PostgresCloudNumbers(db, sealer);
        CloudNumber n = cloudNumber("1000001");
        numbers.save(n);

        List<String> raw = rawCloudSecrets(n);
        assertThat(raw).allSatisfy(v -> assertThat(v).startsWith("sealed:v1:").doesNotContain(ACCESS_TOKEN)
                .doesNotContain(APP_SECRET).doesNotContain(VERIFY_TOKEN));
        assertThat(numbers.of(n.device())).contains(n);
        assertThat(numbers.byPhoneNumberId("1000001")).contains(n);
        assertThat(numbers.all()).extracting(o -> o.number()).containsExactly(n);
    }

    @Test
    void a_sealed_cloud_secret_copied_to_another_column_or_row_does_not_open() {
        PostgresCloudNumbers numbers = new PostgresCloudNumbers(db, sealer);
        CloudNumber a = cloudNumber("1000001");
        CloudNumber b = cloudNumber("1000002");
        numbers.save(a);
        numbers.save(b);

        db.write().update("update cloud_numbers set app_secret = access_token where device_id = ?",
                ps -> ps.setObject(1, a.device().value()));
        assertThatThrownBy(() -> numbers.of(a.device())).isInstanceOf(UnreadableSecret.class)
                .hasMessageContaining("app_secret").hasMessageNotContaining(ACCESS_TOKEN);

        db.write().update("update cloud_numbers set access_token = (select access_token from cloud_numbers"
                + " where device_id = ?) where device_id = ?", ps -> {
            ps.setObject(1, a.device().value());
            ps.setObject(2, b.device().value());
        });
        assertThatThrownBy(() -> numbers.of(b.device())).isInstanceOf(UnreadableSecret.class);
    }

    @Test
    void cloud_secrets_sealed_under_one_keyset_do_not_open_under_another() {
        CloudNumber n = cloudNumber("1000001");
        new PostgresCloudNumbers(db, sealer).save(n);
        PostgresCloudNumbers stranger = new PostgresCloudNumbers(db,
                TinkSecretSealer.fromKeysetJson(TinkSecretSealer.newKeysetJson()));

        assertThatThrownBy(() -> stranger.of(n.device())).isInstanceOf(UnreadableSecret.class);
        assertThatThrownBy(stranger::openOneSealed).as("the start-up check sees the wrong key")
                .isInstanceOf(UnreadableSecret.class);
        new PostgresCloudNumbers(db, sealer).openOneSealed();
    }

    @Test
    void legacy_plain_cloud_rows_still_work_and_the_start_up_pass_seals_them() {
        Device device = cloudDevice();
        db.write().update("""
                insert into cloud_numbers (device_id, business_id, phone_number_id, display_number, access_token,
                                           app_secret, verify_token) values (?, ?, '1000009', '+4915100000009', ?, ?, ?)
                """, ps -> {
            ps.setObject(1, device.id().value());
            ps.setObject(2, business.value());
            ps.setString(3, ACCESS_TOKEN);
            ps.setString(4, APP_SECRET);
            ps.setString(5, VERIFY_TOKEN);
        });
        PostgresCloudNumbers numbers = new PostgresCloudNumbers(db, sealer);
        CloudNumber expected = new CloudNumber(device.id(), "1000009", new PhoneNumber("+4915100000009"),
                ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN);
        assertThat(numbers.of(device.id())).as("read before the pass").contains(expected);
        numbers.openOneSealed();

        assertThat(numbers.sealLegacy()).isEqualTo(1);

        assertThat(rawCloudSecrets(expected)).allSatisfy(v -> assertThat(v).startsWith("sealed:v1:")
                .doesNotContain(ACCESS_TOKEN).doesNotContain(APP_SECRET).doesNotContain(VERIFY_TOKEN));
        assertThat(numbers.of(device.id())).contains(expected);
        assertThat(numbers.sealLegacy()).as("a second pass finds nothing left").isZero();
    }

    @Test
    void a_rotated_keyset_opens_what_the_old_one_sealed_and_seals_with_its_new_key() {
        CloudNumber n = cloudNumber("1000001");
        new PostgresCloudNumbers(db, sealer).save(n);
        SecretSealer rotated = TinkSecretSealer.fromKeysetJson(TinkSecretSealer.rotatedKeysetJson(keyset));
        PostgresCloudNumbers afterRotation = new PostgresCloudNumbers(db, rotated);

        assertThat(afterRotation.of(n.device())).contains(n);
        afterRotation.save(n);
        assertThat(afterRotation.of(n.device())).contains(n);
        assertThatThrownBy(() -> new PostgresCloudNumbers(db, sealer).of(n.device()))
                .as("re-saved under the new primary key, which the old keyset lacks")
                .isInstanceOf(UnreadableSecret.class);
    }

    // --- WhatsApp Web credentials ------------------------------------------------------------------------------

    @Test
    void web_keys_and_store_are_sealed_bytes_bound_to_their_session() {
        PostgresWebCredentials credentials = new PostgresWebCredentials(db, sealer);
        Device device = webDevice();
        UUID session = UUID.randomUUID();
        credentials.beginPairing(business, device.id(), session, "test-format");
        byte[] keys = "noise-key-material-0123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] store = "store-contents-abcdefghijklmnop".getBytes(StandardCharsets.US_ASCII);
        credentials.saveKeys(business, device.id(), session, keys, true);
        credentials.saveStore(business, device.id(), session, store);

        for (String column : List.of("keys", "store")) {
            byte[] raw = rawBytes(column, device);
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("sealed:v1:").doesNotContain("noise-key").doesNotContain("store-contents");
        }
        var stored = credentials.find(business, device.id()).orElseThrow();
        assertThat(stored.keys()).isEqualTo(keys);
        assertThat(stored.store()).isEqualTo(store);

        // The bytes of this pairing, put back after a new pairing began, do not open in the new session.
        byte[] sealedKeys = rawBytes("keys", device);
        UUID next = UUID.randomUUID();
        credentials.beginPairing(business, device.id(), next, "test-format");
        db.write().update("update web_sessions set keys = ? where device_id = ?", ps -> {
            ps.setBytes(1, sealedKeys);
            ps.setObject(2, device.id().value());
        });
        assertThatThrownBy(() -> credentials.find(business, device.id())).isInstanceOf(UnreadableSecret.class);
    }

    @Test
    void legacy_plain_web_credentials_still_open_and_get_sealed() {
        PostgresWebCredentials credentials = new PostgresWebCredentials(db, sealer);
        Device device = webDevice();
        UUID session = UUID.randomUUID();
        credentials.beginPairing(business, device.id(), session, "test-format");
        byte[] keys = {0x0a, 0x20, 1, 2, 3};
        db.write().update("update web_sessions set keys = ?, link = 'linked' where device_id = ?", ps -> {
            ps.setBytes(1, keys);
            ps.setObject(2, device.id().value());
        });
        assertThat(credentials.find(business, device.id()).orElseThrow().keys()).isEqualTo(keys);

        assertThat(credentials.sealLegacy()).isEqualTo(1);

        assertThat(SecretSealer.isSealed(rawBytes("keys", device))).isTrue();
        assertThat(db.write().one("select store is null from web_sessions where device_id = ?",
                ps -> ps.setObject(1, device.id().value()), rs -> rs.getBoolean(1)))
                .as("nothing to seal stays null").contains(true);
        assertThat(credentials.find(business, device.id()).orElseThrow().keys()).isEqualTo(keys);
        assertThat(credentials.sealLegacy()).isZero();
        credentials.openOneSealed();
    }

    // --- Outbound webhook subscriptions ------------------------------------------------------------------------

    @Test
    void webhook_secrets_are_sealed_and_opened_only_to_sign() {
        PostgresWebhookSubscriptions subscriptions = new PostgresWebhookSubscriptions(db, sealer);
        WebhookSubscription s = subscription();
        WebhookSecret secret = WebhookSecret.generate();
        subscriptions.add(s, secret);

        String raw = rawWebhookSecret(s);
        assertThat(raw).startsWith("sealed:v1:").doesNotContain(secret.reveal())
                .doesNotContain(secret.reveal().substring(6));
        enqueueDelivery(s);
        List<WebhookDeliveries.Due> due = new PostgresWebhookDeliveries(db, sealer)
                .claimDue(Instant.now().plusSeconds(1), Duration.ofSeconds(30), 10);
        assertThat(due).singleElement().satisfies(d -> assertThat(d.secret().reveal()).isEqualTo(secret.reveal()));
    }

    @Test
    void legacy_whsec_secrets_still_sign_and_get_sealed_and_the_column_takes_nothing_else() {
        WebhookSubscription s = subscription();
        new PostgresWebhookSubscriptions(db, sealer).add(s, WebhookSecret.generate());
        String legacy = "whsec_legacyLegacyLegacy0123456789";
        db.write().update("update webhook_subscriptions set secret = ? where id = ?", ps -> {
            ps.setString(1, legacy);
            ps.setObject(2, s.id().value());
        });
        enqueueDelivery(s);
        PostgresWebhookDeliveries deliveries = new PostgresWebhookDeliveries(db, sealer);
        assertThat(deliveries.claimDue(Instant.now().plusSeconds(1), Duration.ofMillis(1), 10))
                .singleElement().satisfies(d -> assertThat(d.secret().reveal()).isEqualTo(legacy));

        PostgresWebhookSubscriptions subscriptions = new PostgresWebhookSubscriptions(db, sealer);
        assertThat(subscriptions.sealLegacy()).isEqualTo(1);

        assertThat(rawWebhookSecret(s)).startsWith("sealed:v1:").doesNotContain("legacyLegacy");
        assertThat(deliveries.claimDue(Instant.now().plusSeconds(5), Duration.ofSeconds(30), 10))
                .singleElement().satisfies(d -> assertThat(d.secret().reveal()).isEqualTo(legacy));
        assertThat(subscriptions.sealLegacy()).isZero();
        subscriptions.openOneSealed();
        assertThatThrownBy(() -> db.write().update("update webhook_subscriptions set secret = 'plain' where id = ?",
                ps -> ps.setObject(1, s.id().value()))).isInstanceOf(DatabaseException.class);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Device cloudDevice() {
        Device d = Device.newDevice(business, Channel.CLOUD, new PhoneNumber("+4915100000" + (100 + devicesMade++)),
                "Cloud");
        devices.add(d);
        return d;
    }

    private int devicesMade;

    private Device webDevice() {
        Device d = Device.newDevice(business, Channel.WEB, null, "Front desk");
        devices.add(d);
        return d;
    }

    private CloudNumber cloudNumber(String phoneNumberId) {
        Device d = cloudDevice();
        return new CloudNumber(d.id(), phoneNumberId, d.phoneNumber(), ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN);
    }

    private WebhookSubscription subscription() {
        return WebhookSubscription.create(business, "https://partner.example/hooks", List.of("message.sent"), null,
                Instant.now());
    }

    private void enqueueDelivery(WebhookSubscription s) {
        db.write().update("""
                insert into webhook_deliveries (id, subscription_id, business_id, event, data, next_attempt_at)
                values (gen_random_uuid(), ?, ?, 'message.sent', '{}'::jsonb, now())
                """, ps -> {
            ps.setObject(1, s.id().value());
            ps.setObject(2, business.value());
        });
    }

    private List<String> rawCloudSecrets(CloudNumber n) {
        return db.write().one("select access_token, app_secret, verify_token from cloud_numbers where device_id = ?",
                ps -> ps.setObject(1, n.device().value()),
                rs -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).orElseThrow();
    }

    private byte[] rawBytes(String column, Device device) {
        return db.write().one("select " + column + " from web_sessions where device_id = ?",
                ps -> ps.setObject(1, device.id().value()), rs -> rs.getBytes(1)).orElseThrow();
    }

    private String rawWebhookSecret(WebhookSubscription s) {
        return db.write().one("select secret from webhook_subscriptions where id = ?",
                ps -> ps.setObject(1, s.id().value()), rs -> rs.getString(1)).orElseThrow();
    }
}
