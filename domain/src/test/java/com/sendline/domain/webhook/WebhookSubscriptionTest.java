package com.sendline.domain.webhook;

import com.sendline.domain.tenancy.BusinessId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WebhookSubscriptionTest {
    private static final BusinessId BUSINESS = BusinessId.random();
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static WebhookSubscription create(String url, List<String> events) {
        return WebhookSubscription.create(BUSINESS, url, events, null, NOW);
    }

    private static List<InvalidWebhookSubscription.FieldProblem> problems(String url, List<String> events) {
        return catchThrowableOfType(InvalidWebhookSubscription.class, () -> create(url, events)).problems();
    }

    @Test
    void an_https_url_and_known_events_make_a_subscription() {
        WebhookSubscription s = WebhookSubscription.create(BUSINESS, " https://hooks.example.com/sendline?x=1 ",
                List.of("message.sent", "device.state_changed", "message.sent"), "  CRM sync ", NOW);

        assertThat(s.url().toString()).isEqualTo("https://hooks.example.com/sendline?x=1");
        assertThat(s.events()).containsExactly(WebhookEvent.MESSAGE_SENT, WebhookEvent.DEVICE_STATE_CHANGED);
        assertThat(s.description()).isEqualTo("CRM sync");
        assertThat(s.wants(WebhookEvent.MESSAGE_SENT)).isTrue();
        assertThat(s.wants(WebhookEvent.MESSAGE_READ)).isFalse();
    }

    @Test
    void plain_http_is_allowed_only_for_loopback_hosts() {
        for (String url : List.of("http://127.0.0.1:8081/hook", "http://localhost/hook", "http://[::1]:9000/",
                "http://127.9.9.9/x")) {
            assertThat(create(url, List.of("message.sent")).url().toString()).isEqualTo(url);
        }
        for (String url : List.of("http://hooks.example.com/x", "http://10.0.0.5/x", "http://localhost.example.com/",
                "http://[::2]/")) {
            assertThat(problems(url, List.of("message.sent"))).as(url)
                    .containsExactly(new InvalidWebhookSubscription.FieldProblem("url",
                            "must use https (plain http is allowed only for localhost)"));
        }
    }

    @Test
    void relative_non_http_or_credential_carrying_urls_are_refused() {
        for (String url : List.of("/relative/path", "ftp://example.com/x", "mailto:ops@example.com", "https://",
                "https://user:pw@example.com/x", "https://example.com/x#frag", "not a url", "")) {
            assertThat(problems(url, List.of("message.sent"))).as(url).hasSize(1)
                    .allSatisfy(p -> assertThat(p.field()).isEqualTo("url"));
        }
    }

    @Test
    void no_events_or_an_unknown_event_is_refused_and_every_wrong_field_is_reported_at_once() {
        assertThat(problems("https://example.com", List.of())).extracting(InvalidWebhookSubscription.FieldProblem::field)
                .containsExactly("events");
        assertThat(problems("https://example.com", null)).hasSize(1);

        var all = problems("ftp://example.com", List.of("message.sent", "message.exploded"));

        assertThat(all).extracting(InvalidWebhookSubscription.FieldProblem::field).containsExactly("url", "events");
        assertThat(all.get(1).message()).contains("message.exploded").contains("message.delivered");
    }

    @Test
    void a_description_longer_than_500_characters_is_refused() {
        assertThatThrownBy(() -> WebhookSubscription.create(BUSINESS, "https://example.com", List.of("message.read"),
                "x".repeat(501), NOW)).isInstanceOf(InvalidWebhookSubscription.class).hasMessageContaining("description");
    }

    @Test
    void a_secret_never_shows_in_its_string_form() {
        WebhookSecret secret = WebhookSecret.generate();

        assertThat(secret.reveal()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(secret.toString()).doesNotContain(secret.reveal().substring(6));
        assertThat(WebhookSecret.generate()).isNotEqualTo(secret);
    }
}
