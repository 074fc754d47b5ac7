package com.sendline.application.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * {@code X-Sendline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}, keyed with the
 * subscription's secret. The timestamp is inside the signed text, so a receiver that refuses old timestamps also
 * refuses a recorded delivery replayed later. {@link #verify} is what a receiver does, here for tests and as the
 * reference for docs/api.md.
 */
public final class DeliverySignature {
    public static final String HEADER = "X-Sendline-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private DeliverySignature() {
    }

    public static String header(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /**
     * @return true when the header carries a {@code v1} signature of this body with this secret and its timestamp
     *         is within {@code tolerance} of {@code now}
     */
    public static boolean verify(String header, String secret, byte[] body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        java.util.List<byte[]> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String p = part.strip();
            try {
                if (p.startsWith("t=")) {
                    t = Long.parseLong(p.substring(2));
                } else if (p.startsWith("v1=")) {
                    signatures.add(HexFormat.of().parseHex(p.substring(3)));
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (t == null || signatures.isEmpty()
                || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = mac(secret, t, body);
        boolean ok = false;
        for (byte[] s : signatures) {
            ok |= MessageDigest.isEqual(expected, s); // every candidate compared, in constant time
        }
        return ok;
    }

    private static byte[] mac(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
