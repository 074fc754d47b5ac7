package com.sendline.adapters.whatsappweb;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.session.PairingEvents;
import com.sendline.domain.session.SessionEvents.Disconnect;
import com.sendline.domain.tenancy.BusinessId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pairing over a scripted client: QR codes in order, one outcome, a deadline, and a new session each time. */
class WebPairingTest {
    private final BusinessId business = BusinessId.random();
    private final Device device = Device.newDevice(business, Channel.WEB, null, "Front desk");
    private final MemoryCredentials credentials = new MemoryCredentials();
    private final FakeWebClient client = new FakeWebClient();
    private WebPairing pairing = new WebPairing(client, credentials, WebSettings.defaults());

    /** Records what a pairing reported, as strings in order. */
    static final class Recorder implements PairingEvents {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void qrCode(String payload) {
            events.add("qr " + payload);
        }

        @Override
        public void linked(PhoneNumber phoneNumber) {
            events.add("linked " + phoneNumber);
        }

        @Override
        public void ended(Outcome outcome, String detail) {
            events.add(outcome + " " + detail);
        }
    }

    @AfterEach
    void tearDown() {
        pairing.close();
    }

    @Test
    void qr_codes_then_a_scan_then_the_login_link_the_device_and_the_pairing_connection_closes() {
        Recorder r = new Recorder();
        pairing.start(device, r);
        FakeWebClient.FakeLink link = client.last();

        WebCredentials.Stored row = credentials.find(business, device.id()).orElseThrow();
        assertThat(row.link()).isEqualTo(WebCredentials.Link.PAIRING);
        assertThat(row.session()).isEqualTo(link.session);
        assertThat(row.format()).isEqualTo(FakeWebClient.FORMAT);
        assertThat(pairing.isPairing(device.id())).isTrue();

        link.listener.qrCode("ref-1,keys");
        link.listener.qrCode("ref-2,keys");
        link.listener.scanned();
        link.listener.loggedIn(new PhoneNumber("+4915123456789"));
        link.listener.qrCode("ref-3,late");
        link.listener.disconnected(Disconnect.CONNECTION_LOST, "after the end");

        assertThat(r.events).containsExactly("qr ref-1,keys", "qr ref-2,keys", "linked +4915123456789");
        assertThat(link.closed).as("sending is the session pool's job").isTrue();
        assertThat(pairing.isPairing(device.id())).isFalse();
    }

    @Test
    void nobody_scanning_in_time_expires_the_pairing_and_closes_its_connection() throws Exception {
        pairing.close();
        pairing = new WebPairing(client, credentials, WebSettings.defaults().withPairingTimeout(Duration.ofMillis(200)));
        Recorder r = new Recorder();
        pairing.start(device, r);
        client.last().listener.qrCode("ref-1");

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (r.events.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(r.events.get(1)).startsWith("EXPIRED nobody scanned");
        assertThat(client.last().closed).isTrue();
        assertThat(pairing.isPairing(device.id())).isFalse();
    }

    @Test
    void a_scan_gives_the_login_its_own_time() throws Exception {
        pairing.close();
        pairing = new WebPairing(client, credentials, WebSettings.defaults()
                .withPairingTimeout(Duration.ofMillis(300)).withLoginAfterScan(Duration.ofSeconds(30)));
        Recorder r = new Recorder();
        pairing.start(device, r);
        client.last().listener.scanned();

        Thread.sleep(600);
        assertThat(r.events).as("the QR deadline no longer applies once a code was scanned").isEmpty();
        client.last().listener.loggedIn(null);
        assertThat(r.events).containsExactly("linked null");
    }

    @Test
    void whatsapp_refusing_the_device_fails_the_pairing_with_a_reason_for_people() {
        Recorder r = new Recorder();
        pairing.start(device, r);

        client.last().listener.disconnected(Disconnect.BANNED, "login failure 403");

        assertThat(r.events).singleElement().asString().startsWith("FAILED").contains("banned", "403");
        assertThat(client.last().closed).isTrue();
    }

    @Test
    void starting_again_replaces_the_running_pairing_with_a_new_session_and_the_old_one_falls_silent() {
        Recorder first = new Recorder();
        pairing.start(device, first);
        FakeWebClient.FakeLink old = client.last();

        Recorder second = new Recorder();
        pairing.start(device, second);
        FakeWebClient.FakeLink fresh = client.last();
        old.listener.qrCode("old-ref");
        old.listener.loggedIn(null);
        fresh.listener.qrCode("new-ref");

        assertThat(old.closed).isTrue();
        assertThat(fresh.session).isNotEqualTo(old.session);
        assertThat(credentials.find(business, device.id()).orElseThrow().session()).isEqualTo(fresh.session);
        assertThat(first.events).isEmpty();
        assertThat(second.events).containsExactly("qr new-ref");
    }

    @Test
    void cancelling_closes_the_connection_and_tells_nobody() {
        Recorder r = new Recorder();
        pairing.start(device, r);

        pairing.cancel(device.id());
        client.last().listener.disconnected(Disconnect.CONNECTION_LOST, null);

        assertThat(client.last().closed).isTrue();
        assertThat(r.events).isEmpty();
    }

    @Test
    void only_web_devices_pair() {
        Device sim = Device.newDevice(business, Channel.SIMULATOR, new PhoneNumber("+4915100000000"), "Sim");
        assertThatThrownBy(() -> pairing.start(sim, new Recorder())).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.links).isEmpty();
    }
}
