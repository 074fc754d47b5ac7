package com.sendline.adapters.webhooks;

import com.sendline.domain.webhook.WebhookSender;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HttpWebhookSenderTest {
    private HttpServer receiver;
    private final AtomicInteger received = new AtomicInteger();
    private URI url;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private static WebhookSender.Answer post(HttpWebhookSender sender, URI to) {
        return sender.post(to, Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_receiver_on_an_internal_address_is_refused_before_anything_is_sent_unless_allowed() {
        var guarded = new HttpWebhookSender(Duration.ofSeconds(2), Duration.ofSeconds(5), false);
        var open = new HttpWebhookSender(Duration.ofSeconds(2), Duration.ofSeconds(5), true);

        WebhookSender.Answer refused = post(guarded, url);
        WebhookSender.Answer viaName = post(guarded, URI.create("http://localhost:" + url.getPort() + "/hook"));

        assertThat(refused.successful()).isFalse();
        assertThat(refused.statusCode()).isNull();
        assertThat(refused.error()).contains("internal address").contains("127.0.0.1");
        assertThat(viaName.error()).contains("internal address");
        assertThat(received).hasValue(0);
        assertThat(post(open, url).successful()).isTrue();
        assertThat(received).hasValue(1);
    }

    @Test
    void internal_means_loopback_private_link_local_cgnat_unique_local_and_reserved_and_nothing_else()
            throws Exception {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "255.255.255.255", "224.0.0.1", "::1",
                "fd00::1", "fe80::1", "::ffff:10.0.0.1"}) {
            assertThat(HttpWebhookSender.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : new String[] {"8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
                "2001:4860:4860::8888"}) {
            assertThat(HttpWebhookSender.isInternal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }

    @Test
    void a_host_that_does_not_resolve_is_a_failed_try_with_the_reason() {
        var guarded = new HttpWebhookSender(Duration.ofSeconds(2), Duration.ofSeconds(5), false);

        WebhookSender.Answer answer = post(guarded, URI.create("https://no-such-host.invalid/hook"));

        assertThat(answer.successful()).isFalse();
        assertThat(answer.error()).contains("cannot resolve no-such-host.invalid");
    }
}
