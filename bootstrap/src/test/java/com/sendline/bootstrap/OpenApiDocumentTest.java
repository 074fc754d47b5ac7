package com.sendline.bootstrap;

import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /openapi.yml and GET /docs over HTTP against a running instance, with no token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;
    private URI url;
    private Map<String, Object> doc;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of());
        url = app.url();
        HttpResponse<String> response = Http.get(url, "/openapi.yml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/yaml");
        doc = new Yaml().load(response.body());
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String... keys) {
        Object at = node;
        for (String key : keys) {
            assertThat(at).as("parent of " + key).isInstanceOf(Map.class);
            at = ((Map<String, Object>) at).get(key);
            assertThat(at).as(key).isNotNull();
        }
        return (Map<String, Object>) at;
    }

    @Test
    void the_document_is_openapi_3_named_for_the_partner_api() {
        assertThat((String) doc.get("openapi")).startsWith("3.");
        assertThat(map(doc, "info")).containsEntry("title", "Sendline Partner API").containsEntry("version", "v1");
        assertThat((String) map(doc, "info").get("description")).contains("/api/v1/auth/token")
                .contains("application/problem+json");
        assertThat(doc.get("servers")).asList().singleElement().asString().contains("url=/");
    }

    @Test
    void it_lists_the_partner_endpoints_and_nothing_internal() {
        Map<String, Object> paths = map(doc, "paths");

        assertThat(paths).containsKeys("/api/v1/auth/token", "/api/v1/devices", "/api/v1/devices/{deviceId}",
                "/api/v1/devices/{deviceId}/qr");
        assertThat(map(paths, "/api/v1/auth/token")).containsOnlyKeys("post");
        assertThat(map(paths, "/api/v1/devices/{deviceId}")).containsKeys("get", "delete");
        assertThat(paths.keySet()).allSatisfy(path -> assertThat(path).startsWith("/api/v1/"))
                .doesNotContain("/api/v1/branding");
        assertThat(map(paths, "/api/v1/devices/{deviceId}/qr", "get", "responses", "200", "content"))
                .containsKey("image/png");
        assertThat((String) map(paths, "/api/v1/devices/{deviceId}/qr", "get").get("description"))
                .as("the controller's Javadoc").contains("NOT_PAIRING");
    }

    @Test
    void scoped_operations_require_the_bearer_token_with_their_scope_and_the_token_exchange_does_not() {
        assertThat(map(doc, "components", "securitySchemes", "bearerAuth"))
                .containsEntry("type", "http").containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");

        assertThat(map(doc, "paths", "/api/v1/devices", "get").get("security"))
                .isEqualTo(List.of(Map.of("bearerAuth", List.of("devices:read"))));
        assertThat(map(doc, "paths", "/api/v1/devices/{deviceId}", "delete").get("security"))
                .isEqualTo(List.of(Map.of("bearerAuth", List.of("devices:write"))));
        assertThat(map(doc, "paths", "/api/v1/auth/token", "post")).doesNotContainKey("security");
    }

    @Test
    void errors_are_problem_documents_with_a_code() {
        Map<String, Object> problem = map(doc, "components", "schemas", "Problem");
        assertThat(map(problem, "properties")).containsKeys("type", "title", "status", "detail", "code",
                "requestId", "errors");
        assertThat(problem.get("required")).asList().contains("code", "status").doesNotContain("errors");

        for (String[] op : new String[][] {{"/api/v1/auth/token", "post"}, {"/api/v1/devices", "get"},
                {"/api/v1/devices/{deviceId}", "delete"}}) {
            assertThat(map(doc, "paths", op[0], op[1], "responses", "4XX", "content", "application/problem+json",
                    "schema")).as(op[0]).containsEntry("$ref", "#/components/schemas/Problem");
        }
    }

    @Test
    void every_reference_resolves_and_operation_ids_are_unique_so_clients_can_be_generated() {
        String text = Http.get(url, "/openapi.yml").body();
        Matcher refs = Pattern.compile("\\$ref: \"#/components/schemas/([^\"]+)\"").matcher(text);
        Map<String, Object> schemas = map(doc, "components", "schemas");
        int count = 0;
        while (refs.find()) {
            assertThat(schemas).containsKey(refs.group(1));
            count++;
        }
        assertThat(count).isGreaterThan(3);

        List<String> ids = new ArrayList<>();
        map(doc, "paths").values().forEach(item -> ((Map<?, ?>) item).values()
                .forEach(op -> ids.add((String) ((Map<?, ?>) op).get("operationId"))));
        // micronaut-openapi renames a clash to name_1: two controllers with a method of the same name.
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotNull().doesNotMatch(".*_\\d+"));
    }

    @Test
    void swagger_ui_is_served_from_this_server_only() {
        HttpResponse<String> page = Http.get(url, "/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        Matcher links = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        List<String> loaded = new ArrayList<>();
        while (links.find()) {
            loaded.add(links.group(1));
        }
        assertThat(loaded).hasSizeGreaterThanOrEqualTo(4).allSatisfy(link -> assertThat(link).startsWith("/docs/"));
        for (String link : loaded) {
            HttpResponse<String> asset = Http.get(url, link);
            assertThat(asset.statusCode()).as(link).isEqualTo(200);
        }
        HttpResponse<String> bundle = Http.get(url, "/docs/assets/swagger-ui-bundle.js");
        assertThat(bundle.headers().firstValue("content-type")).hasValue("text/javascript");
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(Http.get(url, "/docs/assets/init.js").body()).contains("/openapi.yml");
    }

    @Test
    void only_the_listed_swagger_ui_files_are_served() {
        for (String path : new String[] {"/docs/assets/index.html", "/docs/assets/pom.properties",
                "/docs/assets/..%2F..%2Fapplication.yml", "/docs/assets/swagger-ui.js"}) {
            HttpResponse<String> response = Http.get(url, path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type")).as(path).hasValue("application/problem+json");
        }
    }
}
