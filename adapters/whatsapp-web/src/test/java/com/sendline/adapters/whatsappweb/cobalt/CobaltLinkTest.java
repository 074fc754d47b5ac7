package com.sendline.adapters.whatsappweb.cobalt;

import com.sendline.adapters.whatsappweb.LinkListener;
import com.sendline.adapters.whatsappweb.MemoryCredentials;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.session.SessionEvents.Disconnect;
import com.sendline.domain.tenancy.BusinessId;
import it.auties.whatsapp.api.DisconnectReason;
import it.auties.whatsapp.api.ErrorHandler;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a Cobalt connection's events become one ending for the driver: Cobalt's listener callbacks driven by hand, in
 * the order Cobalt calls them (the raw node first, on a thread of its own, then "disconnected", always with reason
 * DISCONNECTED). No socket is opened.
 */
class CobaltLinkTest {
    private final DeviceId device = DeviceId.random();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final LinkListener listener = new LinkListener() {
        @Override
        public void qrCode(String payload) {
            heard.add("qr");
        }

        @Override
        public void scanned() {
            heard.add("scanned");
        }

        @Override
        public void loggedIn(PhoneNumber self) {
            heard.add("loggedIn");
        }

        @Override
        public void disconnected(Disconnect reason, String detail) {
            heard.add(reason + ": " + detail);
        }
    };

    private CobaltLink link(CobaltLink.Mode mode) {
        MemoryCredentials credentials = new MemoryCredentials();
        UUID session = UUID.randomUUID();
        BusinessId business = BusinessId.random();
        credentials.beginPairing(business, device, session, CredentialsSerializer.FORMAT);
        return new CobaltLink(device, mode, listener, new CredentialsSerializer(credentials, business, device,
                session, null));
    }

    private void awaitHeard(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (heard.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void a_live_session_told_515_reports_the_restart_once_and_closes() throws Exception {
        CobaltLink link = link(CobaltLink.Mode.RESUME);
        CompletableFuture<Void> login = link.connectedForTest();
        link.onLoggedIn();
        assertThat(login).isCompleted();

        link.onNodeReceived(Node.of("stream:error", Map.of("code", "515")));
        link.onDisconnected(DisconnectReason.DISCONNECTED);
        awaitHeard(1);
        link.onDisconnected(DisconnectReason.DISCONNECTED);
        Thread.sleep(CobaltLink.SIGNAL_GRACE.toMillis() + 200);

        assertThat(heard).containsExactly("STREAM_ERROR_515: stream error 515 (restart required)");
        assertThat(link.isOpen()).isFalse();
    }

    @Test
    void a_logout_from_the_phone_and_a_ban_are_told_as_such() throws Exception {
        CobaltLink loggedOut = link(CobaltLink.Mode.RESUME);
        loggedOut.connectedForTest();
        loggedOut.onLoggedIn();
        loggedOut.onNodeReceived(Node.of("stream:error", Map.of("code", "401"),
                Node.of("text", Map.of("reason", "device_removed"))));
        loggedOut.onDisconnected(DisconnectReason.DISCONNECTED);
        awaitHeard(1);

        CobaltLink banned = link(CobaltLink.Mode.RESUME);
        banned.connectedForTest();
        banned.onLoggedIn();
        banned.onNodeReceived(Node.of("failure", Map.of("reason", "403")));
        banned.onDisconnected(DisconnectReason.DISCONNECTED);
        awaitHeard(2);

        assertThat(heard).containsExactly("LOGGED_OUT: stream error 401 (device removed)",
                "BANNED: login failure 403");
    }

    @Test
    void a_drop_without_an_explaining_node_is_a_lost_connection_after_a_short_grace() throws Exception {
        CobaltLink link = link(CobaltLink.Mode.RESUME);
        link.connectedForTest();
        link.onLoggedIn();
        long start = System.nanoTime();

        link.onDisconnected(DisconnectReason.DISCONNECTED);
        awaitHeard(1);

        assertThat(heard).containsExactly("CONNECTION_LOST: the connection dropped");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(CobaltLink.SIGNAL_GRACE);
    }

    @Test
    void a_drop_before_the_first_login_fails_the_login_and_is_not_told_as_an_ending() throws Exception {
        CobaltLink link = link(CobaltLink.Mode.RESUME);
        CompletableFuture<Void> login = link.connectedForTest();

        link.onNodeReceived(Node.of("failure", Map.of("reason", "401")));
        link.onDisconnected(DisconnectReason.DISCONNECTED);

        assertThatThrownBy(() -> login.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CobaltLink.Dropped.class)
                .satisfies(e -> assertThat(((CobaltLink.Dropped) e).kind).isEqualTo(Disconnect.LOGGED_OUT));
        Thread.sleep(100);
        assertThat(heard).isEmpty();
    }

    @Test
    void while_pairing_the_restart_after_a_scan_is_expected_and_the_login_that_follows_links_the_device()
            throws Exception {
        CobaltLink link = link(CobaltLink.Mode.PAIRING);
        link.connectedForTest();

        link.onNodeReceived(Node.of("iq", Node.of("pair-success")));
        link.onNodeReceived(Node.of("stream:error", Map.of("code", "515")));
        link.onDisconnected(DisconnectReason.DISCONNECTED);
        Thread.sleep(200);
        link.onLoggedIn();

        assertThat(heard).containsExactly("scanned", "loggedIn");
    }

    @Test
    void while_pairing_a_refusal_fails_the_pairing() throws Exception {
        CobaltLink link = link(CobaltLink.Mode.PAIRING);
        link.connectedForTest();

        link.onNodeReceived(Node.of("failure", Map.of("reason", "405")));
        link.onDisconnected(DisconnectReason.DISCONNECTED);
        awaitHeard(1);

        assertThat(heard).containsExactly("LOGGED_OUT: login failure 405");
    }

    @Test
    void a_login_failure_cobalt_reports_disconnects_and_names_where_it_failed() throws Exception {
        CobaltLink link = link(CobaltLink.Mode.RESUME);
        link.connectedForTest();
        link.onLoggedIn();

        ErrorHandler.Result result = link.handleError(null, ErrorHandler.Location.CRYPTOGRAPHY,
                new IllegalStateException("bad mac"));
        link.onDisconnected(DisconnectReason.DISCONNECTED);
        awaitHeard(1);

        assertThat(result).isEqualTo(ErrorHandler.Result.DISCONNECT);
        assertThat(heard).singleElement().asString().startsWith("CONNECTION_LOST: failed at CRYPTOGRAPHY")
                .contains("bad mac");
        assertThat(link.handleError(null, ErrorHandler.Location.MEDIA_CONNECTION, new RuntimeException()))
                .isEqualTo(ErrorHandler.Result.DISCARD);
    }

    @Test
    void a_closed_link_tells_nothing() throws Exception {
        CobaltLink link = link(CobaltLink.Mode.RESUME);
        link.connectedForTest();
        link.onLoggedIn();

        link.close();
        link.onNodeReceived(Node.of("failure", Map.of("reason", "401")));
        link.onDisconnected(DisconnectReason.DISCONNECTED);
        Thread.sleep(CobaltLink.SIGNAL_GRACE.toMillis() + 200);

        assertThat(heard).isEmpty();
    }
}
