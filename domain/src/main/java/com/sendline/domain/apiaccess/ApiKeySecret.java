package com.sendline.domain.apiaccess;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An API key as the partner holds it: {@code sl_<prefix>_<secret>}. The prefix (12 characters) is stored in the
 * clear so a key can be found and recognised in a list; the secret (32 characters, about 190 bits) only as its
 * SHA-256. A fast hash is enough for a random secret of that length — there is nothing to guess — and keeps token
 * requests cheap. {@link #toString()} never shows the secret.
 */
public final class ApiKeySecret {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern SHAPE = Pattern.compile("sl_([0-9A-Za-z]{12})_([0-9A-Za-z]{32})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;
    private final String secret;

    private ApiKeySecret(String prefix, String secret) {
        this.prefix = prefix;
        this.secret = secret;
    }

    public static ApiKeySecret generate() {
        return new ApiKeySecret(random(12), random(32));
    }

    /** @throws IllegalArgumentException when the text is not of the key's shape (the message never repeats it) */
    public static ApiKeySecret parse(String text) {
        Objects.requireNonNull(text, "api key");
        var m = SHAPE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Sendline API key (sl_<12 characters>_<32 characters>)");
        }
        return new ApiKeySecret(m.group(1), m.group(2));
    }

    public String prefix() {
        return prefix;
    }

    /** The whole key, to show its owner once. */
    public String reveal() {
        return "sl_" + prefix + "_" + secret;
    }

    /** SHA-256 of the secret part, hex. */
    public String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Whether this key's secret has the stored hash, compared in constant time. */
    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(hash().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ApiKeySecret[sl_" + prefix + "_…]";
    }
}
