package com.sendline.application.inbound;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Meta's {@code X-Hub-Signature-256: sha256=<hex>}: HMAC-SHA256 of the raw body with the app secret. Compared in
 * constant time, so how long a check takes tells a forger nothing about how close they came.
 */
final class WebhookSignature {
    private static final String PREFIX = "sha256=";
    private final byte[] expected;

    private WebhookSignature(byte[] expected) {
        this.expected = expected;
    }

    /** @return the signature the header claims, or null when the header is missing or not of that form */
    static WebhookSignature parse(String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return null;
        }
        try {
            return new WebhookSignature(HexFormat.of().parseHex(header, PREFIX.length(), header.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @param keyed a Mac already initialised with the secret; a copy of it is used, so it may be shared */
    boolean matches(byte[] body, Mac keyed) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's HmacSHA256 cannot be copied", e);
        }
        return MessageDigest.isEqual(expected, mac.doFinal(body));
    }

    /** A Mac keyed with {@code secret}, to be copied for each check (getting and keying one costs more). */
    static Mac keyed(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
