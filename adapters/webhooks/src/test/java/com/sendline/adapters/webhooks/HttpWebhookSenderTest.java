package com.sendline.adapters.webhooks;

import com.sendline.domain.webhook.WebhookSender;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.apache.hc.client5.http.DnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        receiver.createContext("/busy", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Retry-After", "7");
            byte[] answer = "busy,\n try   later".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.createContext("/moved", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", "/hook");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        receiver.createContext("/trickle", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 1000);
            try {
                for (int i = 0; i < 20; i++) {
                    exchange.getResponseBody().write('x');
                    exchange.getResponseBody().flush();
                    Thread.sleep(200);
                }
            } catch (InterruptedException | java.io.IOException e) {
                // the sender gave up: that is the point
            }
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
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
            assertThat(PublicAddressResolver.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : new String[] {"8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
                "2001:4860:4860::8888"}) {
            assertThat(PublicAddressResolver.isInternal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }

    @Test
    void a_host_that_does_not_resolve_is_a_failed_try_with_the_reason() {
        var guarded = new HttpWebhookSender(Duration.ofSeconds(2), Duration.ofSeconds(5), false);

        WebhookSender.Answer answer = post(guarded, URI.create("https://no-such-host.invalid/hook"));

        assertThat(answer.successful()).isFalse();
        assertThat(answer.error()).contains("cannot resolve no-such-host.invalid");
    }

    @Test
    void the_connection_goes_to_the_one_address_that_was_checked_never_to_a_second_lookup() {
        List<String> lookups = new CopyOnWriteArrayList<>();
        DnsResolver dns = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                lookups.add(host);
                // A rebinding host: whatever it answered before, this is the answer the connection gets.
                return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        var guarded = new HttpWebhookSender(Duration.ofSeconds(2), Duration.ofSeconds(5),
                new PublicAddressResolver(dns));
        var open = new HttpWebhookSender(Duration.ofSeconds(2), Duration.ofSeconds(5), dns);
        URI rebinding = URI.create("http://hooks.rebind.example:" + url.getPort() + "/hook");

        WebhookSender.Answer refused = post(guarded, rebinding);

        assertThat(refused.successful()).isFalse();
        assertThat(refused.error()).contains("hooks.rebind.example resolves to an internal address (127.0.0.1)");
        assertThat(lookups).containsExactly("hooks.rebind.example");
        assertThat(received).hasValue(0);
        // The same lookup is what the connection uses: allowed, it reaches the address the resolver gave.
        assertThat(post(open, rebinding).successful()).isTrue();
        assertThat(received).hasValue(1);
    }

    @Test
    void an_error_answer_keeps_its_status_retry_after_and_an_excerpt_and_a_redirect_is_not_followed() {
        var open = new HttpWebhookSender(Duration.ofSeconds(2), Duration.ofSeconds(5), true);

        WebhookSender.Answer busy = post(open, url.resolve("/busy"));
        WebhookSender.Answer moved = post(open, url.resolve("/moved"));

        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(busy.error()).isEqualTo("HTTP 503: busy, try later");
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(moved.successful()).isFalse();
        assertThat(received).as("the redirect's target was not posted to").hasValue(0);
    }

    @Test
    void a_receiver_that_trickles_its_answer_is_given_up_on_after_the_request_timeout() {
        var open = new HttpWebhookSender(Duration.ofSeconds(2), Duration.ofMillis(700), true);

        long started = System.nanoTime();
        WebhookSender.Answer answer = post(open, url.resolve("/trickle"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.successful()).isFalse();
        assertThat(answer.statusCode()).isNull();
        assertThat(answer.error()).isEqualTo("no answer within 700 ms");
        assertThat(took).isLessThan(Duration.ofMillis(2500));
    }
}
