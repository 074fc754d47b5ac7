package com.sendline.adapters.whatsappweb.cobalt;

import com.sendline.adapters.whatsappweb.MemoryCredentials;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.tenancy.BusinessId;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.api.WebOptionsBuilder;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.KeysSpec;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.controller.StoreSpec;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Cobalt's keys and store through the serializer into the credentials port and back, offline. */
class CredentialsSerializerTest {
    private final BusinessId business = BusinessId.random();
    private final DeviceId device = DeviceId.random();
    private final UUID session = UUID.randomUUID();
    private final MemoryCredentials credentials = new MemoryCredentials();

    private CredentialsSerializer pairingSerializer() {
        credentials.beginPairing(business, device, session, CredentialsSerializer.FORMAT);
        return new CredentialsSerializer(credentials, business, device, session, null);
    }

    private WebCredentials.Stored stored() {
        return credentials.find(business, device).orElseThrow();
    }

    @Test
    void keys_and_store_written_by_cobalt_come_back_as_the_same_keys_and_store() {
        CredentialsSerializer serializer = pairingSerializer();
        Keys keys = Keys.of(session, null, null, ClientType.WEB);
        keys.setRegistered(true);
        Store store = Store.of(session, null, null, ClientType.WEB);

        serializer.serializeKeys(keys, false).join();
        serializer.serializeStore(store, true).join();

        WebCredentials.Stored row = stored();
        assertThat(row.link()).as("registered keys mean a phone accepted them").isEqualTo(WebCredentials.Link.LINKED);
        CredentialsSerializer reader = new CredentialsSerializer(credentials, business, device, session, row);
        Keys back = reader.deserializeKeys(ClientType.WEB, session).orElseThrow();
        assertThat(KeysSpec.encode(back)).isEqualTo(KeysSpec.encode(keys));
        assertThat(back.noiseKeyPair().publicKey()).isEqualTo(keys.noiseKeyPair().publicKey());
        assertThat(back.identityKeyPair().privateKey()).isEqualTo(keys.identityKeyPair().privateKey());
        assertThat(back.registered()).isTrue();
        assertThat(StoreSpec.encode(reader.deserializeStore(ClientType.WEB, session).orElseThrow()))
                .isEqualTo(StoreSpec.encode(store));
        assertThat(reader.listIds(ClientType.WEB)).containsExactly(session);
        assertThat(reader.deserializeKeys(ClientType.WEB, UUID.randomUUID())).isEmpty();
        assertThat(reader.deserializeKeys(ClientType.MOBILE, session)).isEmpty();
    }

    @Test
    void cobalts_own_builder_resumes_a_registered_session_from_the_port_without_connecting() {
        CredentialsSerializer serializer = pairingSerializer();
        // What Cobalt does for a new pairing: a fresh pair of keys and store, saved through the serializer.
        Optional<WebOptionsBuilder> none = Whatsapp.webBuilder().serializer(serializer).newOptionalConnection(session);
        assertThat(none).as("nothing stored yet").isEmpty();
        Whatsapp pairing = Whatsapp.webBuilder().serializer(serializer).newConnection(session)
                .unregistered(qr -> { });
        pairing.keys().setRegistered(true);
        pairing.keys().serialize(false);
        pairing.store().serialize(false);

        CredentialsSerializer resumed = new CredentialsSerializer(credentials, business, device, session, stored());
        Optional<Whatsapp> api = Whatsapp.webBuilder().serializer(resumed).newOptionalConnection(session)
                .flatMap(WebOptionsBuilder::registered);

        assertThat(api).isPresent();
        assertThat(api.get().keys().uuid()).isEqualTo(session);
        assertThat(api.get().keys().noiseKeyPair().publicKey()).isEqualTo(pairing.keys().noiseKeyPair().publicKey());
        assertThat(api.get().isConnected()).isFalse();
    }

    @Test
    void an_unchanged_state_is_not_written_again() {
        CredentialsSerializer serializer = pairingSerializer();
        Keys keys = Keys.of(session, null, null, ClientType.WEB);

        serializer.serializeKeys(keys, false);
        int afterFirst = credentials.writes.get();
        serializer.serializeKeys(keys, false);
        serializer.serializeKeys(keys, true).join();

        assertThat(afterFirst).isEqualTo(1);
        assertThat(credentials.writes).hasValue(1);
        keys.setRegistered(true);
        serializer.serializeKeys(keys, false);
        assertThat(credentials.writes).hasValue(2);
    }

    @Test
    void a_logout_wipes_the_credentials_and_cobalts_last_save_on_the_way_out_does_not_bring_them_back() {
        CredentialsSerializer serializer = pairingSerializer();
        Keys keys = Keys.of(session, null, null, ClientType.WEB);
        keys.setRegistered(true);
        serializer.serializeKeys(keys, false);

        serializer.deleteSession(keys);
        keys.addAlias("changed");
        serializer.serializeKeys(keys, false);

        assertThat(stored().link()).isEqualTo(WebCredentials.Link.LOGGED_OUT);
        assertThat(stored().keys()).isNull();
        assertThat(serializer.superseded()).isTrue();
    }

    @Test
    void a_replaced_pairing_stops_writing_and_knows_it() {
        CredentialsSerializer old = pairingSerializer();
        UUID newer = UUID.randomUUID();
        credentials.beginPairing(business, device, newer, CredentialsSerializer.FORMAT);

        Keys keys = Keys.of(session, null, null, ClientType.WEB);
        old.serializeKeys(keys, false);

        assertThat(old.superseded()).isTrue();
        assertThat(stored().session()).isEqualTo(newer);
        assertThat(stored().keys()).isNull();
        // Keys of some other Cobalt session are never taken for this device's.
        CredentialsSerializer current = new CredentialsSerializer(credentials, business, device, newer, stored());
        current.serializeKeys(Keys.of(UUID.randomUUID(), null, null, ClientType.WEB), false);
        assertThat(stored().keys()).isNull();
    }
}
