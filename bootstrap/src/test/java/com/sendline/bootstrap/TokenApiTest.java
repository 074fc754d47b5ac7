package com.sendline.bootstrap;

import com.sendline.application.apiaccess.CreateApiKey;
import com.sendline.application.apiaccess.RevokeApiKey;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/auth/token over HTTP against a running instance: API key in, signed JWT out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenApiTest {
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;
    private URI url;
    private ApiKeyOwner owner;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of("API_TOKEN_TTL", "15m"));
        url = app.url();
        owner = new ApiKeyOwner.OfBusiness(app.seededNow().orElseThrow().businessId());
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
    }

    private HttpResponse<String> token(String body) {
        return Http.send(HttpRequest.newBuilder(url.resolve("/api/v1/auth/token")).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String key(Scope... scopes) {
        return app.context().getBean(CreateApiKey.class).create(owner, "Test", EnumSet.of(scopes[0], scopes))
                .plaintext();
    }

    @Test
    void a_live_key_gets_a_signed_bearer_token_naming_its_tenant_and_scopes() {
        String apiKey = key(Scope.MESSAGES_WRITE, Scope.MESSAGES_READ);

        HttpResponse<String> response = token("{\"apiKey\":\"" + apiKey + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"tokenType\":\"Bearer\"").contains("\"expiresIn\":900");
        String jwt = accessToken(response);
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims)
                .contains("\"tenant_type\":\"business\"")
                .contains("\"tenant\":\"" + ((ApiKeyOwner.OfBusiness) owner).business() + "\"")
                .contains("messages:write").contains("messages:read")
                .contains("\"exp\":")
                .doesNotContain(apiKey.substring(16));
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("HS256");
    }

    @Test
    void an_unknown_mistyped_or_revoked_key_is_401_unauthorized_and_all_look_alike() {
        String apiKey = key(Scope.DEVICES_WRITE);
        String mistyped = apiKey.substring(0, apiKey.length() - 1) + (apiKey.endsWith("a") ? "b" : "a");
        var created = app.context().getBean(CreateApiKey.class).create(owner, "Soon revoked",
                EnumSet.of(Scope.MESSAGES_WRITE));
        app.context().getBean(RevokeApiKey.class).revoke(owner, created.key().id());

        for (String presented : new String[] {mistyped, "sl_AAAAAAAAAAAA_" + "B".repeat(32), "garbage",
                created.plaintext()}) {
            HttpResponse<String> response = token("{\"apiKey\":\"" + presented + "\"}");
            assertThat(response.statusCode()).as(presented).isEqualTo(401);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"code\":\"UNAUTHORIZED\"")
                    .contains("unknown, mistyped or revoked");
        }
    }

    @Test
    void the_demo_api_key_in_demo_credentials_json_gets_a_token() {
        String demoKey = app.demoCredentialsFile().read().orElseThrow().apiKey();

        assertThat(demoKey).startsWith("sl_");
        assertThat(token("{\"apiKey\":\"" + demoKey + "\"}").statusCode()).isEqualTo(200);
    }

    private static String accessToken(HttpResponse<String> tokenResponse) {
        return tokenResponse.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    private String bearer(Scope... scopes) {
        HttpResponse<String> response = token("{\"apiKey\":\"" + key(scopes) + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        return accessToken(response);
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(15)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request.build());
    }

    @Test
    void a_token_with_devices_read_lists_and_gets_its_own_devices_and_nothing_else() {
        String token = bearer(Scope.DEVICES_READ);
        String deviceId = app.seededNow().orElseThrow().deviceId();

        HttpResponse<String> list = get("/api/v1/devices", token);
        HttpResponse<String> one = get("/api/v1/devices/" + deviceId, token);
        HttpResponse<String> missing = get("/api/v1/devices/" + java.util.UUID.randomUUID(), token);
        HttpResponse<String> notAnId = get("/api/v1/devices/nope", token);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"id\":\"" + deviceId + "\"").contains("\"channel\":\"simulator\"");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("\"state\":");
        for (HttpResponse<String> r : java.util.List.of(missing, notAnId)) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("\"code\":\"NOT_FOUND\"");
        }
    }

    @Test
    void a_reseller_token_acts_for_one_of_its_businesses_named_in_the_header_and_no_other() {
        var demo = app.seededNow().orElseThrow();
        String apiKey = app.context().getBean(CreateApiKey.class).create(
                new ApiKeyOwner.OfReseller(demo.resellerId()), "Reseller", EnumSet.of(Scope.DEVICES_READ)).plaintext();
        HttpResponse<String> tokenResponse = token("{\"apiKey\":\"" + apiKey + "\"}");
        assertThat(tokenResponse.body()).doesNotContain("\"code\"");
        String token = accessToken(tokenResponse);

        HttpResponse<String> noHeader = get("/api/v1/devices", token);
        HttpResponse<String> own = Http.send(HttpRequest.newBuilder(url.resolve("/api/v1/devices"))
                .header("Authorization", "Bearer " + token)
                .header("Sendline-Business-Id", demo.businessId().toString()).GET().build());
        HttpResponse<String> foreign = Http.send(HttpRequest.newBuilder(url.resolve("/api/v1/devices"))
                .header("Authorization", "Bearer " + token)
                .header("Sendline-Business-Id", java.util.UUID.randomUUID().toString()).GET().build());

        assertThat(noHeader.statusCode()).isEqualTo(400);
        assertThat(noHeader.body()).contains("\"code\":\"BUSINESS_REQUIRED\"");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains(demo.deviceId());
        assertThat(foreign.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> delete(String path, String token) {
        return Http.send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).DELETE().build());
    }

    @Test
    void deleting_a_device_needs_devices_write_and_then_the_device_is_gone() {
        var devices = app.context().getBean(com.sendline.domain.device.Devices.class);
        var device = com.sendline.domain.device.Device.newDevice(((ApiKeyOwner.OfBusiness) owner).business(),
                com.sendline.domain.device.Channel.SIMULATOR,
                new com.sendline.domain.device.PhoneNumber("+4915199887766"), "To delete");
        devices.add(device);
        String reader = bearer(Scope.DEVICES_READ);
        String writer = bearer(Scope.DEVICES_READ, Scope.DEVICES_WRITE);

        HttpResponse<String> refused = delete("/api/v1/devices/" + device.id(), reader);
        HttpResponse<String> deleted = delete("/api/v1/devices/" + device.id(), writer);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"FORBIDDEN_SCOPE\"");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/devices/" + device.id(), reader).statusCode()).isEqualTo(404);
        assertThat(delete("/api/v1/devices/" + device.id(), writer).statusCode()).isEqualTo(404);
        assertThat(delete("/api/v1/devices/" + java.util.UUID.randomUUID(), writer).statusCode()).isEqualTo(404);
    }

    @Test
    void a_pairing_device_shows_its_qr_code_as_a_png_and_a_device_not_pairing_is_404() throws Exception {
        String token = bearer(Scope.DEVICES_READ);
        var deviceId = com.sendline.domain.device.DeviceId.parse(app.seededNow().orElseThrow().deviceId());
        var pairing = app.context().getBean(com.sendline.domain.session.PairingQr.class);
        String payload = "2@AbCdEf0123456789,pubkeyBase64==,identityBase64==,advSecretBase64==";

        HttpResponse<String> before = get("/api/v1/devices/" + deviceId + "/qr", token);
        pairing.publish(deviceId, new com.sendline.domain.session.PairingStatus(
                com.sendline.domain.session.PairingStatus.Stage.SHOW_QR, payload, java.time.Instant.now(), null));
        HttpResponse<byte[]> png = Http.sendBytes(HttpRequest.newBuilder(url.resolve("/api/v1/devices/" + deviceId
                + "/qr")).header("Authorization", "Bearer " + token).GET().build());
        pairing.publish(deviceId, new com.sendline.domain.session.PairingStatus(
                com.sendline.domain.session.PairingStatus.Stage.LINKED, null, java.time.Instant.now(), null));
        HttpResponse<String> after = get("/api/v1/devices/" + deviceId + "/qr", token);

        assertThat(before.statusCode()).isEqualTo(404);
        assertThat(before.body()).contains("\"code\":\"NOT_PAIRING\"");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        var decoded = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(
                        new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image))));
        assertThat(decoded.getText()).isEqualTo(payload);
        assertThat(after.statusCode()).isEqualTo(404);
    }

    @Test
    void no_token_a_forged_token_or_a_token_without_the_scope_is_refused_with_a_problem() {
        String withoutScope = bearer(Scope.MESSAGES_WRITE);
        String good = bearer(Scope.DEVICES_READ);
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + "A".repeat(parts[2].length());

        for (String token : new String[] {null, "not-a-jwt", forged}) {
            HttpResponse<String> r = get("/api/v1/devices", token);
            assertThat(r.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(r.body()).contains("\"code\":\"UNAUTHORIZED\"");
        }
        HttpResponse<String> forbidden = get("/api/v1/devices", withoutScope);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("\"code\":\"FORBIDDEN_SCOPE\"");
    }

    @Test
    void a_missing_key_or_a_body_that_is_not_json_is_a_400_problem_not_a_500() {
        HttpResponse<String> missing = token("{}");
        HttpResponse<String> notJson = token("{\"apiKey\":");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"code\":\"VALIDATION_FAILED\"").contains("apiKey");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void a_good_token_is_checked_once_and_remembered_while_forged_ones_never_are() {
        var validator = app.context().getBean(com.sendline.adapters.http.apiaccess.CachedTokenValidator.class);
        String token = bearer(Scope.DEVICES_READ);
        int before = validator.remembered();

        var first = reactor.core.publisher.Mono.from(validator.validateToken(token, null)).block();
        var again = reactor.core.publisher.Mono.from(validator.validateToken(token, null)).block();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        var refused = reactor.core.publisher.Mono.from(validator.validateToken(forged, null)).block();

        assertThat(first).isNotNull();
        assertThat(again).isSameAs(first);
        assertThat(validator.remembered()).isEqualTo(before + 1);
        assertThat(refused).isNull();
        assertThat(get("/api/v1/devices", forged).statusCode()).isEqualTo(401);
        assertThat(validator.remembered()).isEqualTo(before + 1);
    }
}
