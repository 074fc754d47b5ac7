package com.sendline.bootstrap.engine;

import com.sendline.adapters.postgres.PostgresDevices;
import com.sendline.adapters.postgres.PostgresWebCredentials;
import com.sendline.adapters.postgres.ReadRoute;
import com.sendline.adapters.redis.RedisPairingQr;
import com.sendline.adapters.whatsappweb.LinkListener;
import com.sendline.adapters.whatsappweb.WebClient;
import com.sendline.adapters.whatsappweb.WebDriver;
import com.sendline.adapters.whatsappweb.WebLink;
import com.sendline.adapters.whatsappweb.WebPairing;
import com.sendline.adapters.whatsappweb.WebSettings;
import com.sendline.adapters.whatsappweb.cobalt.CredentialsSerializer;
import com.sendline.application.devices.DeviceAlreadyLinked;
import com.sendline.application.devices.StartPairing;
import com.sendline.application.scheduling.UnknownDevice;
import com.sendline.application.sessions.SessionPool;
import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.device.SessionState;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.PairingStatus;
import com.sendline.domain.session.SessionEvents.Disconnect;
import com.sendline.domain.tenancy.BusinessId;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.api.WebOptionsBuilder;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.KeysSpec;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.controller.StoreSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WhatsApp Web channel inside the real engine (Postgres, Redis, session pool) with the protocol library replaced
 * by a scripted one: pairing through StartPairing, sessions through the pool, each way a session can end mapped onto
 * the session states and backoff rules, credentials deleted with their device, and Cobalt's own keys and store
 * through the serializer into Postgres and back.
 */
class WebChannelTest {
    private EngineHarness harness;
    private SchedulingEngine engine;
    private PostgresWebCredentials credentials;
    private PostgresDevices devices;
    private ScriptedClient client;
    private WebPairing pairing;
    private RedisPairingQr qr;
    private StartPairing startPairing;

    /** A protocol library that does what a test tells it to. */
    static final class ScriptedClient implements WebClient {
        final List<Link> links = new CopyOnWriteArrayList<>();
        volatile ConnectFailure failResume;

        @Override
        public String credentialsFormat() {
            return "scripted-1";
        }

        @Override
        public WebLink resume(Device device, WebCredentials.Stored stored, LinkListener listener, Duration timeout)
                throws ConnectFailure {
            if (failResume != null) {
                throw failResume;
            }
            Link l = new Link(stored.session(), listener);
            links.add(l);
            return l;
        }

        @Override
        public WebLink pair(Device device, UUID session, LinkListener listener) {
            Link l = new Link(session, listener);
            links.add(l);
            return l;
        }

        Link last() {
            return links.getLast();
        }
    }

    static final class Link implements WebLink {
        final UUID session;
        final LinkListener listener;
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        Link(UUID session, LinkListener listener) {
            this.session = session;
            this.listener = listener;
        }

        @Override
        public String sendText(PhoneNumber to, String text, Duration timeout) {
            sent.add(to + " " + text);
            return "3EB0" + sent.size();
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @BeforeEach
    void setUp() {
        harness = new EngineHarness(0);
        credentials = new PostgresWebCredentials(harness.db, harness.sealer);
        devices = new PostgresDevices(harness.db, ReadRoute.PRIMARY);
        client = new ScriptedClient();
        WebSettings settings = WebSettings.defaults();
        engine = harness.engine(EngineConfig.forTests("w1", 2), List.of(new WebDriver(credentials, client, settings)),
                new CountingMetrics(), Clock.systemUTC());
        pairing = new WebPairing(client, credentials, settings);
        qr = new RedisPairingQr(harness.redisClient, harness.redis.prefix());
        startPairing = new StartPairing(engine.devices(), credentials, pairing, qr, engine.backoff(),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        pairing.close();
        qr.close();
        harness.close();
    }

    private Device webDevice() {
        Device d = Device.newDevice(harness.business, Channel.WEB, null, "Front desk");
        devices.add(d);
        return d;
    }

    /** What the library does when a phone scans the code: the linked keys are saved, then it logs in. */
    private void scanAndLogIn(Device device, String number) {
        Link link = client.last();
        link.listener.scanned();
        assertThat(credentials.saveKeys(device.businessId(), device.id(), link.session, new byte[]{7, 7}, true))
                .isTrue();
        link.listener.loggedIn(number == null ? null : new PhoneNumber(number));
        // Logging in replaces any earlier block with one of a millisecond; an acquire inside it is (rightly) refused.
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Device linkedDevice() {
        Device device = startPairing.addWebDevice(harness.business, "Front desk");
        scanAndLogIn(device, "+4915123456789");
        return engine.devices().find(harness.business, device.id()).orElseThrow();
    }

    private SessionPool.Use hot(Device device) {
        SessionPool.Acquired acquired = engine.sessions().acquire(device);
        assertThat(acquired).isInstanceOf(SessionPool.Ready.class);
        return ((SessionPool.Ready) acquired).use();
    }

    /** The block expiring, without waiting for it. */
    private void unblock(Device device) throws InterruptedException {
        engine.backoff().clear(device.id());
        engine.backoff().block(device.id(), Duration.ofMillis(1));
        Thread.sleep(5);
    }

    private Duration blockedFor(Device device) {
        Instant now = Instant.now();
        return engine.backoff().blockedUntil(device.id(), now).map(until -> Duration.between(now, until))
                .orElse(Duration.ZERO);
    }

    @Test
    void a_business_adds_a_web_device_scans_the_code_and_the_device_then_sends_through_the_pool() throws Exception {
        Device device = startPairing.addWebDevice(harness.business, "Front desk");
        assertThat(device.channel()).isEqualTo(Channel.WEB);
        assertThat(startPairing.status(harness.business, device.id())).get()
                .extracting(PairingStatus::stage).isEqualTo(PairingStatus.Stage.STARTING);

        client.last().listener.qrCode("2@ref-one,noise,identity,adv,1");
        assertThat(startPairing.status(harness.business, device.id())).get()
                .satisfies(s -> assertThat(s.stage()).isEqualTo(PairingStatus.Stage.SHOW_QR))
                .satisfies(s -> assertThat(s.qrPayload()).isEqualTo("2@ref-one,noise,identity,adv,1"));
        client.last().listener.qrCode("2@ref-two,noise,identity,adv,1");
        assertThat(startPairing.status(harness.business, device.id()).orElseThrow().qrPayload()).contains("ref-two");

        scanAndLogIn(device, "+4915123456789");

        assertThat(startPairing.status(harness.business, device.id()).orElseThrow().stage())
                .isEqualTo(PairingStatus.Stage.LINKED);
        Device stored = engine.devices().find(harness.business, device.id()).orElseThrow();
        assertThat(stored.phoneNumber()).isEqualTo(new PhoneNumber("+4915123456789"));
        assertThat(client.last().closed).as("the pairing connection is closed once linked").isTrue();
        assertThat(credentials.find(harness.business, device.id()).orElseThrow().link())
                .isEqualTo(WebCredentials.Link.LINKED);

        SessionPool.Use use = hot(stored);
        String id = use.session().send(MessageId.random(), new PhoneNumber("+4917612345678"), new MessageBody("Hi"));
        use.done();
        assertThat(id).isEqualTo("3EB01");
        assertThat(client.last().sent).containsExactly("+4917612345678 Hi");
        assertThat(harness.deviceState(stored)).isEqualTo(SessionState.HOT);
        assertThatThrownBy(() -> startPairing.status(BusinessId.random(), device.id()))
                .isInstanceOf(UnknownDevice.class);
    }

    @Test
    void a_device_never_paired_backs_off_like_a_failed_connect_without_touching_the_network() {
        Device device = webDevice();

        assertThat(engine.sessions().acquire(device)).isInstanceOf(SessionPool.Blocked.class);

        assertThat(harness.deviceState(device)).isEqualTo(SessionState.BACKOFF);
        assertThat(blockedFor(device)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(38));
        assertThat(client.links).isEmpty();
    }

    @Test
    void each_way_a_live_session_ends_lands_on_the_state_machine() throws Exception {
        Device device = linkedDevice();

        // The network dropped: COLD, and the next send may connect at once.
        SessionPool.Use use = hot(device);
        use.done();
        client.last().listener.disconnected(Disconnect.CONNECTION_LOST, "test");
        assertThat(harness.deviceState(device)).isEqualTo(SessionState.COLD);
        assertThat(blockedFor(device)).isZero();
        assertThat(engine.sessions().isLive(device.id())).isFalse();

        // WhatsApp asked for a restart (515): the stream-error backoff, 5 s for the first.
        hot(device).done();
        client.last().listener.disconnected(Disconnect.STREAM_ERROR_515, "test");
        assertThat(harness.deviceState(device)).isEqualTo(SessionState.BACKOFF);
        assertThat(blockedFor(device)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(7));
        assertThat(client.last().closed).as("Cobalt must not reconnect behind the pool").isTrue();
        unblock(device);

        // Unlinked on the phone, or banned: the connect backoff, 30 s for the first.
        for (Disconnect reason : List.of(Disconnect.LOGGED_OUT, Disconnect.BANNED)) {
            hot(device).done();
            client.last().listener.disconnected(reason, "test");
            assertThat(harness.deviceState(device)).as(reason.name()).isEqualTo(SessionState.BACKOFF);
            assertThat(blockedFor(device)).as(reason.name()).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(38));
            unblock(device);
        }
    }

    @Test
    void a_connect_refused_by_whatsapp_backs_off_by_its_kind() {
        Device device = linkedDevice();
        client.failResume = new ConnectFailure(Disconnect.STREAM_ERROR_515, "stream error 515");

        assertThat(engine.sessions().acquire(device)).isInstanceOf(SessionPool.Blocked.class);

        assertThat(harness.deviceState(device)).isEqualTo(SessionState.BACKOFF);
        assertThat(blockedFor(device)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(7));
    }

    @Test
    void a_linked_device_is_not_paired_over_but_a_logged_out_one_is_and_its_backoff_is_lifted() {
        Device device = linkedDevice();
        assertThatThrownBy(() -> startPairing.pairAgain(harness.business, device.id()))
                .isInstanceOf(DeviceAlreadyLinked.class);

        // The phone unlinks it; a due send finds it logged out and backs off.
        UUID session = credentials.find(harness.business, device.id()).orElseThrow().session();
        credentials.loggedOut(harness.business, device.id(), session);
        assertThat(engine.sessions().acquire(device)).isInstanceOf(SessionPool.Blocked.class);
        assertThat(harness.deviceState(device)).isEqualTo(SessionState.BACKOFF);

        startPairing.pairAgain(harness.business, device.id());
        assertThat(credentials.find(harness.business, device.id()).orElseThrow().session()).isNotEqualTo(session);
        scanAndLogIn(device, "+4915199999999");

        assertThat(blockedFor(device)).isZero();
        assertThat(harness.deviceState(device)).isEqualTo(SessionState.COLD);
        assertThat(engine.devices().find(harness.business, device.id()).orElseThrow().phoneNumber())
                .isEqualTo(new PhoneNumber("+4915199999999"));
        assertThat(engine.sessions().acquire(device)).isInstanceOf(SessionPool.Ready.class);
    }

    @Test
    void pairing_again_is_only_for_web_devices_of_the_business() {
        Device sim = Device.newDevice(harness.business, Channel.SIMULATOR, new PhoneNumber("+4915100000000"), "Sim");
        devices.add(sim);
        Device device = webDevice();

        assertThatThrownBy(() -> startPairing.pairAgain(harness.business, sim.id()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> startPairing.pairAgain(BusinessId.random(), device.id()))
                .isInstanceOf(UnknownDevice.class);
        startPairing.pairAgain(harness.business, device.id());
        client.last().listener.disconnected(Disconnect.BANNED, "login failure 403");
        assertThat(startPairing.status(harness.business, device.id()).orElseThrow())
                .satisfies(s -> assertThat(s.stage()).isEqualTo(PairingStatus.Stage.FAILED))
                .satisfies(s -> assertThat(s.detail()).contains("banned"));
    }

    @Test
    void removing_a_device_deletes_its_web_credentials() {
        Device device = linkedDevice();
        assertThat(credentials.find(harness.business, device.id())).isPresent();

        engine.removeDevice().remove(harness.business, device.id());

        assertThat(credentials.find(harness.business, device.id())).isEmpty();
        assertThat(harness.db.write().one("select count(*) from web_sessions where device_id = ?",
                ps -> ps.setObject(1, device.id().value()), rs -> rs.getLong(1)).orElseThrow()).isZero();
    }

    @Test
    void cobalts_keys_and_store_go_through_the_serializer_into_postgres_and_come_back() {
        Device device = webDevice();
        UUID session = UUID.randomUUID();
        credentials.beginPairing(harness.business, device.id(), session, CredentialsSerializer.FORMAT);
        CredentialsSerializer writer = new CredentialsSerializer(credentials, harness.business, device.id(), session,
                null);
        // What Cobalt does for a new pairing: fresh keys and store, saved through the serializer...
        Whatsapp pairingApi = Whatsapp.webBuilder().serializer(writer).newConnection(session).unregistered(qr -> { });
        Keys keys = pairingApi.keys();
        Store store = pairingApi.store();
        // ...and once a phone accepted them.
        keys.setRegistered(true);
        keys.serialize(false);
        store.serialize(false);

        WebCredentials.Stored row = credentials.find(harness.business, device.id()).orElseThrow();
        assertThat(row.link()).isEqualTo(WebCredentials.Link.LINKED);
        assertThat(row.keys()).isEqualTo(KeysSpec.encode(keys));
        assertThat(row.store()).isEqualTo(StoreSpec.encode(store));

        CredentialsSerializer reader = new CredentialsSerializer(credentials, harness.business, device.id(), session,
                row);
        Optional<Whatsapp> resumed = Whatsapp.webBuilder().serializer(reader).newOptionalConnection(session)
                .flatMap(WebOptionsBuilder::registered);
        assertThat(resumed).isPresent();
        assertThat(KeysSpec.encode(resumed.get().keys())).isEqualTo(KeysSpec.encode(keys));
        assertThat(resumed.get().keys().identityKeyPair().privateKey())
                .isEqualTo(keys.identityKeyPair().privateKey());
        assertThat(resumed.get().keys().noiseKeyPair().privateKey()).isEqualTo(keys.noiseKeyPair().privateKey());
        assertThat(resumed.get().store().uuid()).isEqualTo(session);
        assertThat(reader.listIds(ClientType.WEB)).containsExactly(session);

        // A logout reported by Cobalt wipes the row; the driver then asks for a new pairing.
        reader.deleteSession(resumed.get().keys());
        assertThat(credentials.find(harness.business, device.id()).orElseThrow().link())
                .isEqualTo(WebCredentials.Link.LOGGED_OUT);
        assertThat(credentials.find(harness.business, device.id()).orElseThrow().keys()).isNull();
    }
}
