package com.sendline.application.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeliverySignatureTest {
    private static final String SECRET = "whsec_test_secret_0123456789";
    private static final byte[] BODY = "{\"id\":\"evt\",\"type\":\"message.sent\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant AT = Instant.ofEpochSecond(1_700_000_000L);
    /** HMAC-SHA256("whsec_test_secret_0123456789", "1700000000." + BODY), computed independently (Python hmac). */
    private static final String KNOWN = "t=1700000000,v1=e31defe95c1264da29e146232253b702a93dc940e12c32b99fa274618d058447";

    @Test
    void the_header_is_stripe_style_hmac_sha256_of_timestamp_dot_body() {
        assertThat(DeliverySignature.header(SECRET, AT.plusMillis(999), BODY)).isEqualTo(KNOWN);
    }

    @Test
    void a_receiver_accepts_the_signed_body_within_five_minutes() {
        assertThat(DeliverySignature.verify(KNOWN, SECRET, BODY, AT.plusSeconds(299), Duration.ofMinutes(5))).isTrue();
        assertThat(DeliverySignature.verify("v1=xx," + KNOWN, SECRET, BODY, AT, Duration.ofMinutes(5))).isFalse();
        assertThat(DeliverySignature.verify(KNOWN + ",v1=00", SECRET, BODY, AT, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void a_changed_body_another_secret_a_replay_after_five_minutes_or_a_garbled_header_is_rejected() {
        byte[] changed = "{\"id\":\"evt\",\"type\":\"message.read\"}".getBytes(StandardCharsets.UTF_8);
        Duration five = DeliverySignature.DEFAULT_TOLERANCE;

        assertThat(DeliverySignature.verify(KNOWN, SECRET, changed, AT, five)).isFalse();
        assertThat(DeliverySignature.verify(KNOWN, "whsec_other", BODY, AT, five)).isFalse();
        assertThat(DeliverySignature.verify(KNOWN, SECRET, BODY, AT.plusSeconds(301), five)).isFalse();
        assertThat(DeliverySignature.verify(KNOWN.replace("t=1700000000", "t=1700000100"), SECRET, BODY,
                AT.plusSeconds(100), five)).isFalse();
        for (String garbled : new String[] {null, "", "t=abc,v1=00", "v1=" + KNOWN.substring(17), "t=1700000000"}) {
            assertThat(DeliverySignature.verify(garbled, SECRET, BODY, AT, five)).as(garbled).isFalse();
        }
    }
}
