package com.sendline.domain.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keeps the secrets Sendline must read back (Cloud API tokens, WhatsApp Web keys, webhook signing secrets) unreadable
 * at rest. A hash would not do: each is needed in the clear again to send, to resume a session or to sign.
 *
 * <p>A sealed value starts with {@link #PREFIX}, which names the format, so a store can tell it from a value written
 * before sealing existed: {@code open} returns such a legacy value as it is, and nothing becomes unreadable by an
 * upgrade. The {@code context} names where the value lives (table, row, column) and is bound to it: a sealed value
 * copied to another row or column does not open there.
 */
public interface SecretSealer {
    /** The version prefix of every sealed value, text or bytes. */
    String PREFIX = "sealed:v1:";

    /** @return {@link #PREFIX} and the sealed text */
    String seal(String plaintext, String context);

    /**
     * @param stored a value {@link #seal(String, String)} made for the same context, or a legacy plain value
     * @throws UnreadableSecret when the value is sealed but does not open (another context, an unknown key, damage)
     */
    String open(String stored, String context);

    /** @return the bytes of {@link #PREFIX} followed by the sealed bytes */
    byte[] seal(byte[] plaintext, String context);

    /**
     * @param stored bytes {@link #seal(byte[], String)} made for the same context, or legacy plain bytes
     * @throws UnreadableSecret when the bytes are sealed but do not open
     */
    byte[] open(byte[] stored, String context);

    static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    static boolean isSealed(byte[] stored) {
        byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
        return stored != null && stored.length >= prefix.length
                && Arrays.equals(stored, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The context of a secret kept in {@code column} of the row {@code row} of {@code table}. */
    static String context(String table, Object row, String column) {
        return table + "/" + row + "/" + column;
    }
}
