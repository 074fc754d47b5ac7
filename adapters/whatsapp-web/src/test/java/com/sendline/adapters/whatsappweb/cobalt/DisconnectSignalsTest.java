package com.sendline.adapters.whatsappweb.cobalt;

import com.sendline.domain.session.SessionEvents.Disconnect;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** WhatsApp's closing nodes, built with Cobalt's own Node type, mapped onto the session pool's reasons. */
class DisconnectSignalsTest {
    private static Disconnect kind(Node node) {
        return DisconnectSignals.classify(node).orElseThrow().disconnect();
    }

    @ParameterizedTest(name = "failure reason {0} -> {1}")
    @CsvSource({"401, LOGGED_OUT", "405, LOGGED_OUT", "403, BANNED", "503, BANNED", "500, CONNECTION_LOST",
            "411, CONNECTION_LOST"})
    void a_login_failure_says_whether_the_device_was_logged_out_or_banned(String reason, Disconnect expected) {
        assertThat(kind(Node.of("failure", Map.of("reason", reason)))).isEqualTo(expected);
    }

    @Test
    void stream_error_515_is_the_restart_the_backoff_rules_know() {
        assertThat(DisconnectSignals.classify(Node.of("stream:error", Map.of("code", "515")))).get()
                .satisfies(s -> assertThat(s.disconnect()).isEqualTo(Disconnect.STREAM_ERROR_515))
                .satisfies(s -> assertThat(s.detail()).contains("515"));
        // The decoder may hand attributes over as numbers too.
        assertThat(kind(Node.of("stream:error", Map.of("code", 515)))).isEqualTo(Disconnect.STREAM_ERROR_515);
    }

    @Test
    void a_device_removed_on_the_phone_is_logged_out_and_other_401s_are_not_endings() {
        Node removed = Node.of("stream:error", Map.of("code", "401"),
                Node.of("conflict", Map.of("type", "device_removed")));
        assertThat(DisconnectSignals.classify(Node.of("stream:error", Map.of("code", "401"),
                Node.of("text", Map.of("reason", "device_removed"))))).get()
                .satisfies(s -> assertThat(s.disconnect()).isEqualTo(Disconnect.LOGGED_OUT));
        // A conflict child wins: another connection took over, which is no logout.
        assertThat(kind(removed)).isEqualTo(Disconnect.CONNECTION_LOST);
        assertThat(DisconnectSignals.classify(Node.of("stream:error", Map.of("code", "401"),
                Node.of("text", Map.of("reason", "something_else"))))).isEmpty();
        assertThat(kind(Node.of("stream:error", Map.of("code", "500")))).isEqualTo(Disconnect.LOGGED_OUT);
    }

    @Test
    void a_conflict_an_unavailable_server_and_the_end_of_the_stream_are_a_lost_connection() {
        assertThat(kind(Node.of("stream:error", Node.of("conflict", Map.of("type", "replaced")))))
                .isEqualTo(Disconnect.CONNECTION_LOST);
        assertThat(kind(Node.of("stream:error", Map.of("code", "503")))).isEqualTo(Disconnect.CONNECTION_LOST);
        assertThat(kind(Node.of("xmlstreamend"))).isEqualTo(Disconnect.CONNECTION_LOST);
    }

    @Test
    void a_scan_is_recognised_and_ordinary_traffic_says_nothing() {
        assertThat(DisconnectSignals.classify(Node.of("iq", Map.of("type", "set"),
                Node.of("pair-success", Node.of("device", Map.of("jid", "4915123456789:3@s.whatsapp.net"))))))
                .contains(DisconnectSignals.SCANNED);
        assertThat(DisconnectSignals.classify(Node.of("iq", Map.of("type", "result")))).isEmpty();
        assertThat(DisconnectSignals.classify(Node.of("message", Map.of("from", "x")))).isEmpty();
        assertThat(DisconnectSignals.classify(Node.of("stream:error", Map.of("code", "999")))).isEmpty();
        assertThat(DisconnectSignals.classify(Node.of("failure"))).get()
                .satisfies(s -> assertThat(s.disconnect()).isEqualTo(Disconnect.CONNECTION_LOST));
        assertThat(DisconnectSignals.classify(null)).isEmpty();
    }

    @Test
    void of_two_signals_for_one_connection_the_more_final_one_wins() {
        var lost = DisconnectSignals.Signal.ending(Disconnect.CONNECTION_LOST, "a");
        var banned = DisconnectSignals.Signal.ending(Disconnect.BANNED, "b");
        var restart = DisconnectSignals.Signal.ending(Disconnect.STREAM_ERROR_515, "c");

        assertThat(lost.graver(banned)).isSameAs(banned);
        assertThat(banned.graver(lost)).isSameAs(banned);
        assertThat(restart.graver(lost)).isSameAs(restart);
        assertThat(lost.graver(null)).isSameAs(lost);
    }
}
