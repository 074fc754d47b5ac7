package com.sendline.domain.crypto;

/**
 * A sealed secret that does not open: sealed for another place, sealed with a key the current keyset does not hold,
 * or damaged. The message names the place, never the value.
 */
public final class UnreadableSecret extends RuntimeException {
    public UnreadableSecret(String context, String reason) {
        super("the secret at " + context + " does not open: " + reason, null, false, false);
    }
}
