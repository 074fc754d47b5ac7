package com.sendline.domain.device;

import java.util.Objects;

/**
 * What Sendline needs to send from a Meta Cloud API number: Meta's id for the number, and the secrets that go with
 * it. {@link #toString()} never shows a secret.
 *
 * @param phoneNumberId Meta's id of the number (digits), used in the Graph API path
 * @param accessToken   the bearer token for the Graph API
 * @param appSecret     the Meta app's secret, which signs webhooks (X-Hub-Signature-256)
 * @param verifyToken   what Meta must echo when it verifies the webhook subscription
 */
public record CloudNumber(DeviceId device, String phoneNumberId, PhoneNumber displayNumber, String accessToken,
                          String appSecret, String verifyToken) {
    public CloudNumber {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(displayNumber, "display number");
        if (phoneNumberId == null || !phoneNumberId.matches("[0-9]{5,30}")) {
            throw new IllegalArgumentException("a phone number id is Meta's numeric id of the number");
        }
        accessToken = secret(accessToken, "access token");
        appSecret = secret(appSecret, "app secret");
        verifyToken = secret(verifyToken, "verify token");
    }

    private static String secret(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (value.length() > 1_000 || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " must be one token without spaces");
        }
        return value;
    }

    @Override
    public String toString() {
        return "CloudNumber[" + phoneNumberId + " " + displayNumber + ", secrets hidden]";
    }
}
