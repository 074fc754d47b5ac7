package com.sendline.bootstrap;

import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static com.sendline.bootstrap.PartnerApi.field;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/api-keys: a partner lists, makes and revokes its own keys, and never widens its own scopes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeysApiTest {
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;
    private PartnerApi api;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of());
        api = PartnerApi.demo(app);
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
    }

    private HttpResponse<String> tokenFor(String apiKey) {
        return api.post(null, "/api/v1/auth/token", "{\"apiKey\":\"" + apiKey + "\"}");
    }

    @Test
    void a_new_key_is_shown_once_works_at_once_is_listed_without_its_secret_and_stops_working_when_revoked() {
        String admin = api.token(Scope.KEYS_READ, Scope.KEYS_WRITE, Scope.MESSAGES_READ, Scope.MESSAGES_WRITE);

        HttpResponse<String> created = api.post(admin, "/api/v1/api-keys",
                "{\"name\":\"Shop integration\",\"scopes\":[\"messages:read\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = field(created.body(), "id");
        String secret = field(created.body(), "apiKey");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/api-keys/" + id);
        assertThat(secret).startsWith("sl_" + field(created.body(), "prefix") + "_");
        assertThat(tokenFor(secret).statusCode()).isEqualTo(200);

        HttpResponse<String> list = api.get(admin, "/api/v1/api-keys");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id).contains("\"name\":\"Shop integration\"").contains("\"lastUsedAt\":")
                .doesNotContain(secret).doesNotContain(secret.substring(16)).doesNotContain("secretHash");

        assertThat(api.delete(admin, "/api/v1/api-keys/" + id).statusCode()).isEqualTo(204);
        assertThat(tokenFor(secret).statusCode()).isEqualTo(401);
        assertThat(api.get(admin, "/api/v1/api-keys").body()).contains("\"revokedAt\":");
    }

    @Test
    void a_key_cannot_give_a_new_key_more_than_it_has_and_bad_requests_are_400() {
        String limited = api.token(Scope.KEYS_WRITE, Scope.MESSAGES_READ);

        HttpResponse<String> wider = api.post(limited, "/api/v1/api-keys",
                "{\"name\":\"Sneaky\",\"scopes\":[\"messages:read\",\"devices:write\"]}");
        HttpResponse<String> unknown = api.post(limited, "/api/v1/api-keys", "{\"name\":\"X\",\"scopes\":[\"root\"]}");
        HttpResponse<String> empty = api.post(limited, "/api/v1/api-keys", "{\"scopes\":[]}");

        assertThat(wider.statusCode()).isEqualTo(403);
        assertThat(wider.body()).contains("\"code\":\"FORBIDDEN_SCOPE\"").contains("devices:write");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown scope 'root'");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("\"field\":\"name\"").contains("\"field\":\"scopes\"");
    }

    @Test
    void another_owners_key_is_404_and_listing_and_revoking_need_their_scopes() {
        PartnerApi.Tenant other = PartnerApi.otherTenant(app);
        String theirs = field(other.api().post(other.api().token(Scope.KEYS_WRITE, Scope.MESSAGES_READ),
                "/api/v1/api-keys", "{\"name\":\"Theirs\",\"scopes\":[\"messages:read\"]}").body(), "apiKey");
        String theirId = other.api().get(other.api().token(Scope.KEYS_READ), "/api/v1/api-keys").body()
                .replaceAll(".*\"id\":\"([^\"]+)\",\"name\":\"Theirs\".*", "$1");
        String mine = api.token(Scope.KEYS_READ, Scope.KEYS_WRITE);

        assertThat(api.delete(mine, "/api/v1/api-keys/" + theirId).statusCode()).isEqualTo(404);
        assertThat(api.get(mine, "/api/v1/api-keys").body()).doesNotContain(theirId);
        assertThat(tokenFor(theirs).statusCode()).isEqualTo(200);
        assertThat(api.get(api.token(Scope.MESSAGES_READ), "/api/v1/api-keys").statusCode()).isEqualTo(403);
        assertThat(api.delete(api.token(Scope.KEYS_READ), "/api/v1/api-keys/" + theirId).statusCode())
                .isEqualTo(403);
    }
}
