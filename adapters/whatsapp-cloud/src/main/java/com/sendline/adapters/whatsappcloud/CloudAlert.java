package com.sendline.adapters.whatsappcloud;

/**
 * Meta has stopped a number from sending (spam or account rate limit, a dead token): the engine should pause the
 * number and tell its owner. Never carries a secret.
 *
 * @param code    e.g. {@code GRAPH_131048}
 * @param message Meta's own words
 */
public record CloudAlert(String phoneNumberId, String code, String message) {
}
