package com.sendline.application.inbound;

import java.util.Optional;

/**
 * Meta's subscription check: when a webhook URL is set up in the Meta app, Meta calls it with
 * {@code hub.mode=subscribe}, the verify token the business chose, and a challenge to echo. Only a token that
 * belongs to one of our Cloud numbers gets the echo.
 */
public final class VerifyCloudWebhook {
    private final CloudWebhookDirectory directory;

    public VerifyCloudWebhook(CloudWebhookDirectory directory) {
        this.directory = directory;
    }

    /** @return the challenge to echo, or empty when the request must be refused */
    public Optional<String> verify(String mode, String verifyToken, String challenge) {
        if (!"subscribe".equals(mode) || verifyToken == null || verifyToken.isEmpty() || challenge == null
                || challenge.isEmpty() || challenge.length() > 1_000) {
            return Optional.empty();
        }
        return directory.isVerifyToken(verifyToken) ? Optional.of(challenge) : Optional.empty();
    }
}
