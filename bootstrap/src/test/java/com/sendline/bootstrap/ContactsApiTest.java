package com.sendline.bootstrap;

import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.BusinessStatus;
import com.sendline.domain.tenancy.Businesses;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.sendline.bootstrap.PartnerApi.call;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/contacts over HTTP against a running instance with real Postgres: CRUD, CSV import, lists, tenancy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactsApiTest {
    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;
    private ResellerId reseller;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of());
        reseller = app.seededNow().orElseThrow().resellerId();
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
    }

    /** Each test works in a business of its own, so lists and counts are only its own. */
    private String writer() {
        return tenant().token(Scope.CONTACTS_READ, Scope.CONTACTS_WRITE);
    }

    private PartnerApi tenant() {
        BusinessId id = BusinessId.random();
        app.context().getBean(Businesses.class).add(new Business(id, reseller, "Shop " + id,
                ZoneId.of("Europe/Berlin"), BusinessStatus.ACTIVE));
        return new PartnerApi(app, id);
    }

    private HttpResponse<String> post(String token, String json) {
        return call(app, "POST", "/api/v1/contacts", token, JSON, json);
    }

    private HttpResponse<String> importCsv(String token, String csv) {
        return call(app, "POST", "/api/v1/contacts/import", token, CSV, csv);
    }

    private Map<String, Object> json(HttpResponse<String> response) {
        try {
            return app.context().getBean(JsonMapper.class).readValue(response.body(),
                    Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> data(HttpResponse<String> response) {
        return (List<Map<String, Object>>) json(response).get("data");
    }

    @Test
    void a_contact_is_created_read_changed_and_deleted() {
        String token = writer();

        HttpResponse<String> created = post(token, """
                {"phone":"+49 151 2345-6789","name":"  Anna Schmidt ","email":"Anna@Example.org","tags":["vip","newsletter","vip"]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> body = json(created);
        String id = (String) body.get("id");
        assertThat(created.headers().firstValue("location")).hasValue("/api/v1/contacts/" + id);
        assertThat(body).containsEntry("phone", "+4915123456789").containsEntry("name", "Anna Schmidt")
                .containsEntry("email", "anna@example.org").containsEntry("tags", List.of("newsletter", "vip"));

        HttpResponse<String> read = call(app, "GET", "/api/v1/contacts/" + id, token, null, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read)).containsEntry("phone", "+4915123456789").containsEntry("name", "Anna Schmidt");

        HttpResponse<String> changed = call(app, "PATCH", "/api/v1/contacts/" + id, token, JSON,
                "{\"name\":\"Anna Weber\",\"email\":\"\",\"tags\":[\"customer\"]}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed)).containsEntry("name", "Anna Weber").doesNotContainKey("email")
                .containsEntry("phone", "+4915123456789").containsEntry("tags", List.of("customer"));
        assertThat(json(call(app, "GET", "/api/v1/contacts/" + id, token, null, null)))
                .containsEntry("name", "Anna Weber").doesNotContainKey("email");

        HttpResponse<String> newPhone = call(app, "PATCH", "/api/v1/contacts/" + id, token, JSON,
                "{\"phone\":\"+44 7911 123456\"}");
        assertThat(json(newPhone)).containsEntry("phone", "+447911123456").containsEntry("name", "Anna Weber");

        assertThat(call(app, "DELETE", "/api/v1/contacts/" + id, token, null, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = call(app, "GET", "/api/v1/contacts/" + id, token, null, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("\"code\":\"NOT_FOUND\"");
        assertThat(call(app, "DELETE", "/api/v1/contacts/" + id, token, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void a_second_contact_with_the_same_number_is_409_contact_exists_naming_the_first() {
        String token = writer();
        String first = (String) json(post(token, "{\"phone\":\"+4915123456789\"}")).get("id");
        String other = (String) json(post(token, "{\"phone\":\"+4915123450000\"}")).get("id");

        HttpResponse<String> again = post(token, "{\"phone\":\"0049 151 23456789\",\"name\":\"Dup\"}");
        HttpResponse<String> moved = call(app, "PATCH", "/api/v1/contacts/" + other, token, JSON,
                "{\"phone\":\"+49 15123456789\"}");

        for (HttpResponse<String> r : List.of(again, moved)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(r.body()).contains("\"code\":\"CONTACT_EXISTS\"").contains(first);
        }
        assertThat(json(call(app, "GET", "/api/v1/contacts/" + other, token, null, null)))
                .containsEntry("phone", "+4915123450000");
    }

    @Test
    void bad_input_is_a_400_naming_the_fields_and_never_a_500() {
        String token = writer();

        HttpResponse<String> badPhone = post(token, "{\"phone\":\"12345\"}");
        HttpResponse<String> noPhone = post(token, "{\"name\":\"Nobody\"}");
        HttpResponse<String> several = post(token, "{\"phone\":\"call me\",\"email\":\"not-an-address\","
                + "\"tags\":[\"a;b\"]}");
        HttpResponse<String> unknownField = post(token, "{\"phone\":\"+4915123456789\",\"nickname\":\"Bo\"}");
        HttpResponse<String> wrongType = post(token, "{\"phone\":\"+4915123456789\",\"tags\":\"vip\"}");
        HttpResponse<String> numberPhone = post(token, "{\"phone\":{\"n\":4915123456789}}");
        HttpResponse<String> notJson = post(token, "{\"phone\":");
        HttpResponse<String> numberTag = post(token, "{\"phone\":\"+4915123456789\",\"tags\":[7]}");
        HttpResponse<String> booleanName = post(token, "{\"phone\":\"+4915123456789\",\"name\":false}");
        HttpResponse<String> nul = post(token, "{\"phone\":\"+4915123456789\",\"name\":\"A\\u0000B\","
                + "\"email\":\"a\\u0000@example.org\"}");

        assertThat(badPhone.statusCode()).isEqualTo(400);
        assertThat(badPhone.body()).contains("\"code\":\"VALIDATION_FAILED\"").contains("\"field\":\"phone\"");
        assertThat(noPhone.statusCode()).isEqualTo(400);
        assertThat(noPhone.body()).contains("\"field\":\"phone\"").contains("is required");
        assertThat(several.statusCode()).isEqualTo(400);
        assertThat(several.body()).contains("\"field\":\"phone\"").contains("\"field\":\"email\"")
                .contains("\"field\":\"tags\"");
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        assertThat(nul.body()).contains("\"field\":\"name\"").contains("\"field\":\"email\"");
        for (HttpResponse<String> r
                : List.of(unknownField, wrongType, numberPhone, notJson, numberTag, booleanName)) {
            assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        }
        assertThat(unknownField.body()).contains("nickname");
        assertThat(data(call(app, "GET", "/api/v1/contacts", token, null, null))).isEmpty();
    }

    @Test
    void a_csv_import_stores_the_valid_rows_updates_known_numbers_and_reports_the_rest_by_line() {
        String token = writer();
        String known = (String) json(post(token, "{\"phone\":\"+4915100000001\",\"name\":\"Old name\","
                + "\"email\":\"keep@example.org\",\"tags\":[\"old\"]}")).get("id");
        String csv = String.join("\r\n",
                "Phone,Name,Email,Tags",                                     // 1
                "+49 151 00000002,\"Schmidt, Anna\",anna@example.org,vip;newsletter", // 2
                "",                                                           // 3 blank
                "+4915100000001,New name,,",                                  // 4 updates the known contact
                "not a number,Bad,,",                                         // 5
                "+4915100000003,\"Line one",                                  // 6 (quoted line break)
                "line two\",,",                                               // 7
                "0049 151 00000002,Again,,",                                  // 8 same number as line 2
                "+4915100000004,Bad mail,nope@,",                             // 9
                "+4915100000005,Too,many,cells,here",                          // 10
                "   ",                                                        // 11 blank
                "+4915100000006,,,") + "\r\n";

        HttpResponse<String> response = importCsv(token, csv);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> result = json(response);
        assertThat(result).containsEntry("imported", 3).containsEntry("updated", 1).containsEntry("failed", 4);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("errors");
        assertThat(errors).extracting(e -> e.get("row") + ":" + e.get("field"))
                .containsExactly("5:phone", "8:phone", "9:email", "10:columns");
        assertThat(errors.get(1).get("message").toString()).contains("line 2");

        List<Map<String, Object>> stored = data(call(app, "GET", "/api/v1/contacts?limit=100", token, null, null));
        assertThat(stored).extracting(c -> c.get("phone")).containsExactlyInAnyOrder("+4915100000001",
                "+4915100000002", "+4915100000003", "+4915100000006");
        Map<String, Object> anna = stored.stream().filter(c -> c.get("phone").equals("+4915100000002")).findFirst()
                .orElseThrow();
        assertThat(anna).containsEntry("name", "Schmidt, Anna").containsEntry("tags", List.of("newsletter", "vip"));
        assertThat(stored.stream().filter(c -> c.get("phone").equals("+4915100000003")).findFirst().orElseThrow())
                .containsEntry("name", "Line one\r\nline two");
        assertThat(json(call(app, "GET", "/api/v1/contacts/" + known, token, null, null)))
                .as("an update replaces what the row gives and keeps what it leaves empty")
                .containsEntry("name", "New name").containsEntry("email", "keep@example.org")
                .containsEntry("tags", List.of("old"));
    }

    @Test
    void a_csv_with_an_unknown_column_no_phone_column_broken_quoting_or_nothing_in_it_is_refused_whole() {
        String token = writer();

        HttpResponse<String> unknown = importCsv(token, "phone,name,birthday,Shoe Size\n+4915100000001,A,1990-01-01,42\n");
        HttpResponse<String> noPhone = importCsv(token, "name,email\nA,a@example.org\n");
        HttpResponse<String> broken = importCsv(token, "phone,name\n+4915100000001,\"never closed\n");
        HttpResponse<String> empty = importCsv(token, "");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"code\":\"VALIDATION_FAILED\"").contains("\"field\":\"birthday\"")
                .contains("\"field\":\"Shoe Size\"");
        assertThat(noPhone.statusCode()).isEqualTo(400);
        assertThat(noPhone.body()).contains("\"field\":\"phone\"").contains("column is required");
        for (HttpResponse<String> r : List.of(broken, empty)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("\"field\":\"csv\"");
        }
        assertThat(data(call(app, "GET", "/api/v1/contacts", token, null, null))).isEmpty();
    }

    @Test
    void ten_thousand_rows_import_in_one_go_and_one_more_is_refused() {
        String token = writer();
        StringBuilder csv = new StringBuilder("phone,tags\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append("+49151200").append(String.format("%05d", i)).append(",bulk\n");
        }

        long started = System.nanoTime();
        HttpResponse<String> ok = importCsv(token, csv.toString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        HttpResponse<String> tooMany = importCsv(token, csv + "+4915130000000,bulk\n");

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok)).containsEntry("imported", 10_000).containsEntry("failed", 0);
        assertThat(millis).as("10,000 rows in one statement").isLessThan(20_000);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("10000 rows");
        HttpResponse<String> again = importCsv(token, csv.toString());
        assertThat(json(again)).as("the same file again updates, adds nothing")
                .containsEntry("imported", 0).containsEntry("updated", 10_000);
    }

    @Test
    void lists_page_through_every_contact_once_in_the_order_added_and_filter_by_prefix_and_tag() {
        String token = writer();
        List<String> added = new ArrayList<>();
        String[] names = {"Anna", "andreas", "Bernd", "Carla", "Anton"};
        for (int i = 0; i < names.length; i++) {
            added.add((String) json(post(token, "{\"phone\":\"+4915133300" + i + "00\",\"name\":\"" + names[i]
                    + "\",\"tags\":[\"" + (i % 2 == 0 ? "even" : "odd") + "\"]}")).get("id"));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = call(app, "GET", "/api/v1/contacts?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), token, null, null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            data(page).forEach(c -> seen.add((String) c.get("id")));
            cursor = (String) json(page).get("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(added);
        assertThat(data(call(app, "GET", "/api/v1/contacts?q=an", token, null, null)))
                .extracting(c -> c.get("name")).containsExactly("Anna", "andreas", "Anton");
        assertThat(data(call(app, "GET", "/api/v1/contacts?q=%2B49151333002", token, null, null)))
                .extracting(c -> c.get("name")).containsExactly("Bernd");
        assertThat(data(call(app, "GET", "/api/v1/contacts?q=49151333", token, null, null))).hasSize(5);
        assertThat(data(call(app, "GET", "/api/v1/contacts?tag=odd", token, null, null)))
                .extracting(c -> c.get("name")).containsExactly("andreas", "Carla");
        assertThat(data(call(app, "GET", "/api/v1/contacts?q=an&tag=even", token, null, null)))
                .extracting(c -> c.get("name")).containsExactly("Anna", "Anton");
        HttpResponse<String> badFilter = call(app, "GET", "/api/v1/contacts?q=%00", token, null, null);
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.body()).contains("\"field\":\"q\"");
        HttpResponse<String> badCursor = call(app, "GET", "/api/v1/contacts?cursor=bm9wZQ", token, null, null);
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(badCursor.body()).contains("\"field\":\"cursor\"");
    }

    @Test
    void another_business_contact_is_404_on_every_endpoint_and_absent_from_lists() {
        String mine = writer();
        String theirs = writer();
        String id = (String) json(post(mine, "{\"phone\":\"+4915144400000\",\"name\":\"Mine\"}")).get("id");

        assertThat(call(app, "GET", "/api/v1/contacts/" + id, theirs, null, null).statusCode()).isEqualTo(404);
        assertThat(call(app, "PATCH", "/api/v1/contacts/" + id, theirs, JSON, "{\"name\":\"Stolen\"}").statusCode())
                .isEqualTo(404);
        assertThat(call(app, "DELETE", "/api/v1/contacts/" + id, theirs, null, null).statusCode()).isEqualTo(404);
        assertThat(call(app, "GET", "/api/v1/contacts/not-an-id", theirs, null, null).statusCode()).isEqualTo(404);
        assertThat(call(app, "GET", "/api/v1/contacts/" + UUID.randomUUID(), theirs, null, null).statusCode())
                .isEqualTo(404);
        assertThat(data(call(app, "GET", "/api/v1/contacts", theirs, null, null))).isEmpty();
        // The same number is free in another business, and importing it there leaves mine alone.
        assertThat(post(theirs, "{\"phone\":\"+4915144400000\"}").statusCode()).isEqualTo(201);
        assertThat(json(importCsv(theirs, "phone,name\n+4915144400000,Theirs\n"))).containsEntry("updated", 1);
        assertThat(json(call(app, "GET", "/api/v1/contacts/" + id, mine, null, null))).containsEntry("name", "Mine");
    }

    @Test
    void reading_needs_contacts_read_and_changing_needs_contacts_write() {
        PartnerApi tenant = tenant();
        String writerToken = tenant.token(Scope.CONTACTS_READ, Scope.CONTACTS_WRITE);
        String reader = tenant.token(Scope.CONTACTS_READ);
        String stranger = tenant.token(Scope.MESSAGES_READ, Scope.CONTACTS_WRITE);
        String id = (String) json(post(writerToken, "{\"phone\":\"+4915155500000\"}")).get("id");

        List<HttpResponse<String>> refused = List.of(
                post(reader, "{\"phone\":\"+4915155500001\"}"),
                call(app, "PATCH", "/api/v1/contacts/" + id, reader, JSON, "{\"name\":\"X\"}"),
                call(app, "DELETE", "/api/v1/contacts/" + id, reader, null, null),
                importCsv(reader, "phone\n+4915155500002\n"),
                call(app, "GET", "/api/v1/contacts", stranger, null, null),
                call(app, "GET", "/api/v1/contacts/" + id, stranger, null, null));

        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
            assertThat(r.body()).contains("\"code\":\"FORBIDDEN_SCOPE\"");
        }
        assertThat(data(call(app, "GET", "/api/v1/contacts", reader, null, null))).hasSize(1);
    }
}
