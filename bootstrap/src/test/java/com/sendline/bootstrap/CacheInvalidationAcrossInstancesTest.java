package com.sendline.bootstrap;

import com.sendline.application.tenancy.UpdateBranding;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.Colour;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application contexts on one database and one cache Redis, as two instances behind a load balancer. The
 * branding cache TTL is an hour, so only a pub/sub invalidation can make instance A see a change made through B.
 */
class CacheInvalidationAcrossInstancesTest {
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication a;
    private SendlineApplication b;

    @BeforeEach
    void start(@TempDir Path dataA, @TempDir Path dataB) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        a = TestInstances.start(db, redis, dataA, Map.of("BRANDING_CACHE_TTL", "1h"));
        b = TestInstances.start(db, redis, dataB, Map.of("BRANDING_CACHE_TTL", "1h"));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        redis.close();
        db.close();
    }

    @Test
    void a_branding_change_made_through_one_instance_shows_on_the_other_at_once() throws Exception {
        URI onA = a.url();
        assertThat(Http.get(onA, "/api/v1/branding").body()).contains("\"displayName\":\"Acme Messaging\"");
        assertThat(Http.get(b.url(), "/api/v1/branding").body()).contains("\"displayName\":\"Acme Messaging\"");

        var reseller = a.seededNow().orElseThrow().resellerId();
        boolean updated = b.context().getBean(UpdateBranding.class).update(reseller,
                new Branding("Acme Blue", null, new Colour("#1d4ed8"), new EmailAddress("help@acme.example")));
        assertThat(updated).isTrue();

        assertThat(awaitBody(onA, "\"displayName\":\"Acme Blue\"")).contains("\"primaryColour\":\"#1d4ed8\"");
    }

    @Test
    void a_change_that_bypasses_the_bus_stays_invisible_until_the_ttl_which_shows_the_cache_is_real() throws Exception {
        URI onA = a.url();
        assertThat(Http.get(onA, "/api/v1/branding").body()).contains("\"displayName\":\"Acme Messaging\"");

        db.execute("update resellers set display_name = 'Sneaky'");

        Thread.sleep(500);
        assertThat(Http.get(onA, "/api/v1/branding").body()).contains("\"displayName\":\"Acme Messaging\"");
    }

    private static String awaitBody(URI url, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String body = Http.get(url, "/api/v1/branding").body();
        while (!body.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            body = Http.get(url, "/api/v1/branding").body();
        }
        assertThat(body).contains(expected);
        return body;
    }

    @Test
    void a_qr_code_shown_while_one_instance_pairs_can_be_fetched_from_the_other() {
        var demo = a.seededNow().orElse(null);
        var business = demo != null ? demo.businessId() : b.seededNow().orElseThrow().businessId();
        var device = com.sendline.domain.device.Device.newDevice(business, com.sendline.domain.device.Channel.WEB,
                null, "Front desk");
        a.context().getBean(com.sendline.domain.device.Devices.class).add(device);
        a.context().getBean(com.sendline.domain.session.PairingQr.class).publish(device.id(),
                new com.sendline.domain.session.PairingStatus(com.sendline.domain.session.PairingStatus.Stage.SHOW_QR,
                        "2@shared-across-instances", java.time.Instant.now(), null));
        String token = new PartnerApi(b, business).token(com.sendline.domain.apiaccess.Scope.DEVICES_READ);

        var png = Http.sendBytes(java.net.http.HttpRequest.newBuilder(b.url().resolve("/api/v1/devices/" + device.id()
                + "/qr")).header("Authorization", "Bearer " + token).GET().build());

        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
    }
}
