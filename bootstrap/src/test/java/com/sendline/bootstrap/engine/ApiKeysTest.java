package com.sendline.bootstrap.engine;

import com.sendline.adapters.postgres.PostgresApiKeys;
import com.sendline.application.apiaccess.AuthenticateApiKey;
import com.sendline.application.apiaccess.CreateApiKey;
import com.sendline.application.apiaccess.RevokeApiKey;
import com.sendline.application.apiaccess.UnknownApiKey;
import com.sendline.domain.apiaccess.ApiKey;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API keys (issue 5's groundwork) against real Postgres: shown once, kept as a hash, scoped, revocable. */
class ApiKeysTest {
    private EngineHarness harness;
    private PostgresApiKeys keys;
    private CreateApiKey create;
    private RevokeApiKey revoke;
    private AuthenticateApiKey authenticate;
    private ApiKeyOwner owner;

    @BeforeEach
    void setUp() {
        harness = new EngineHarness(0);
        keys = new PostgresApiKeys(harness.db);
        create = new CreateApiKey(keys, Clock.systemUTC());
        revoke = new RevokeApiKey(keys, Clock.systemUTC());
        authenticate = new AuthenticateApiKey(keys, Clock.systemUTC());
        owner = new ApiKeyOwner.OfBusiness(harness.business);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void a_key_is_shown_once_stored_only_as_a_hash_and_gets_its_owner_and_scopes_back() {
        CreateApiKey.Created created = create.create(owner, "Shop integration",
                EnumSet.of(Scope.MESSAGES_WRITE, Scope.MESSAGES_READ));

        assertThat(created.plaintext()).matches("sl_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}");
        assertThat(created.toString()).doesNotContain(created.plaintext());
        String secretPart = created.plaintext().substring(16);
        assertThat(harness.db.write().one("select count(*) from api_keys where secret_hash like ? or name like ?",
                ps -> {
                    ps.setString(1, "%" + secretPart + "%");
                    ps.setString(2, "%" + secretPart + "%");
                }, rs -> rs.getLong(1))).contains(0L);

        ApiKey found = authenticate.authenticate(created.plaintext()).orElseThrow();
        assertThat(found.owner()).isEqualTo(owner);
        assertThat(found.scopes()).containsExactlyInAnyOrder(Scope.MESSAGES_WRITE, Scope.MESSAGES_READ);
        assertThat(keys.list(owner)).singleElement().satisfies(k -> {
            assertThat(k.prefix()).isEqualTo(created.plaintext().substring(3, 15));
            assertThat(k.lastUsedAt()).isNotNull();
        });
    }

    @Test
    void a_wrong_secret_a_malformed_key_and_a_revoked_key_all_get_nothing() {
        CreateApiKey.Created created = create.create(owner, "Old", Set.of(Scope.DEVICES_WRITE));
        String wrongSecret = created.plaintext().substring(0, 16) + "A".repeat(32);

        assertThat(authenticate.authenticate(wrongSecret)).isEmpty();
        assertThat(authenticate.authenticate("not a key")).isEmpty();
        assertThat(authenticate.authenticate(null)).isEmpty();

        revoke.revoke(owner, created.key().id());
        revoke.revoke(owner, created.key().id());

        assertThat(authenticate.authenticate(created.plaintext())).isEmpty();
        assertThat(keys.list(owner)).singleElement().satisfies(k -> assertThat(k.isRevoked()).isTrue());
    }

    @Test
    void another_owner_cannot_see_or_revoke_a_key() {
        CreateApiKey.Created created = create.create(owner, "Mine", Set.of(Scope.MESSAGES_WRITE));
        ApiKeyOwner other = new ApiKeyOwner.OfBusiness(harness.addBusinessWithDevice(3).businessId());

        assertThat(keys.list(other)).isEmpty();
        assertThatThrownBy(() -> revoke.revoke(other, created.key().id())).isInstanceOf(UnknownApiKey.class);
        assertThat(authenticate.authenticate(created.plaintext())).isPresent();
    }

    @Test
    void a_key_needs_a_name_and_a_scope() {
        assertThatThrownBy(() -> create.create(owner, " ", Set.of(Scope.MESSAGES_WRITE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> create.create(owner, "No scopes", Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope");
        assertThat(keys.list(owner)).isEmpty();
        assertThat(Scope.fromLabel("messages:write")).contains(Scope.MESSAGES_WRITE);
        assertThat(Scope.fromLabel("messages:delete")).isEmpty();
    }
}
