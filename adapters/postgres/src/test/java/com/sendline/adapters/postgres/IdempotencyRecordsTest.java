package com.sendline.adapters.postgres;

import com.sendline.domain.apiaccess.ApiKey;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.ApiKeySecret;
import com.sendline.domain.apiaccess.IdempotencyKey;
import com.sendline.domain.apiaccess.IdempotencyRecords.Claim;
import com.sendline.domain.apiaccess.IdempotencyRecords.Claimed;
import com.sendline.domain.apiaccess.IdempotencyRecords.StoredResponse;
import com.sendline.domain.apiaccess.Scope;
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

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency records in Postgres: one runner per key, answers kept, stale claims taken over, old ones forgotten. */
class IdempotencyRecordsTest {
    private TestDatabase schema;
    private Schemas schemas;
    private PostgresIdempotencyRecords records;
    private ApiKey apiKey;

    @BeforeEach
    void setUp() {
        schema = TestServices.freshDatabase();
        schemas = new Schemas();
        Database db = Database.primaryOnly(schemas.migrated(schema));
        Reseller r = new Reseller(ResellerId.random(), "Reseller", new Slug("idem"), Set.of(),
                new Branding("Brand", null, new Colour("#112233"), new EmailAddress("help@example.com")));
        new PostgresResellers(db, ReadRoute.PRIMARY).add(r);
        Business b = new Business(BusinessId.random(), r.id(), "Shop", ZoneId.of("UTC"), BusinessStatus.ACTIVE);
        new PostgresBusinesses(db, ReadRoute.PRIMARY).add(b);
        apiKey = ApiKey.issue(new ApiKeyOwner.OfBusiness(b.id()), "Test", Set.of(Scope.MESSAGES_WRITE),
                ApiKeySecret.generate(), Instant.now());
        new PostgresApiKeys(db).add(apiKey);
        records = new PostgresIdempotencyRecords(db);
    }

    @AfterEach
    void tearDown() throws Exception {
        schemas.close();
        schema.close();
    }

    private IdempotencyKey key(String value) {
        return new IdempotencyKey(apiKey.id(), value);
    }

    /** A claim with a fresh id to reserve. */
    private Claim claim(String key, String fingerprint, Instant staleBefore) {
        return records.claim(key(key), fingerprint, staleBefore, UUID.randomUUID());
    }

    private static Instant staleBefore() {
        return Instant.now().minus(Duration.ofMinutes(1));
    }

    @Test
    void of_sixteen_racing_claims_one_runs_and_the_others_see_it_pending_then_everyone_sees_the_answer()
            throws Exception {
        List<Callable<Claim>> racers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            racers.add(() -> claim("k1", "fp", staleBefore()));
        }
        List<Claim> outcomes = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Claim> f : pool.invokeAll(racers)) {
                outcomes.add(f.get());
            }
        }

        assertThat(outcomes.stream().filter(Claimed.class::isInstance)).hasSize(1);
        assertThat(outcomes.stream().filter(StoredResponse.class::isInstance).map(StoredResponse.class::cast))
                .hasSize(15).allMatch(StoredResponse::pending);
        records.complete(key("k1"), 201, "{\"id\":\"m1\"}");
        assertThat(claim("k1", "fp", staleBefore()))
                .isEqualTo(new StoredResponse("fp", false, 201, "{\"id\":\"m1\"}"));
    }

    @Test
    void a_released_key_runs_again_and_a_stale_pending_one_is_taken_over_but_a_fresh_one_is_not() {
        assertThat(claim("k2", "fp", staleBefore())).isInstanceOf(Claimed.class);
        records.release(key("k2"));
        assertThat(claim("k2", "fp2", staleBefore())).isInstanceOf(Claimed.class);

        assertThat(claim("k2", "fp2", staleBefore())).isInstanceOf(StoredResponse.class)
                .extracting(c -> ((StoredResponse) c).pending()).isEqualTo(true);
        // Seen from a minute in the future, the pending claim is stale: its request died.
        assertThat(claim("k2", "fp3", Instant.now().plus(Duration.ofMinutes(1)))).isInstanceOf(Claimed.class);
        records.complete(key("k2"), 200, "{}");
        // A finished answer is never taken over, however old.
        assertThat(claim("k2", "fp4", Instant.now().plus(Duration.ofDays(1)))).isInstanceOf(StoredResponse.class)
                .extracting(c -> ((StoredResponse) c).fingerprint()).isEqualTo("fp3");
    }

    @Test
    void a_stale_claim_taken_over_by_the_same_request_keeps_its_reserved_id_and_by_another_gets_a_new_one() {
        UUID first = UUID.randomUUID();
        assertThat(records.claim(key("k3"), "fp", staleBefore(), first)).isEqualTo(new Claimed(first));

        // The request died after creating its resource under `first`; its retry must find that resource.
        Instant later = Instant.now().plus(Duration.ofMinutes(1));
        assertThat(records.claim(key("k3"), "fp", later, UUID.randomUUID())).isEqualTo(new Claimed(first));
        // Dead again, then a different request under the key: whatever it creates is its own.
        UUID other = UUID.randomUUID();
        assertThat(records.claim(key("k3"), "fp-other", Instant.now().plus(Duration.ofMinutes(2)), other))
                .isEqualTo(new Claimed(other));
    }

    @Test
    void expiry_forgets_records_made_before_the_given_instant_only() {
        claim("old", "fp", staleBefore());
        records.complete(key("old"), 201, "{}");

        assertThat(records.expire(Instant.now().minus(Duration.ofHours(1)))).isZero();
        assertThat(records.expire(Instant.now().plus(Duration.ofSeconds(1)))).isEqualTo(1);
        assertThat(claim("old", "other", staleBefore())).isInstanceOf(Claimed.class);
    }
}
