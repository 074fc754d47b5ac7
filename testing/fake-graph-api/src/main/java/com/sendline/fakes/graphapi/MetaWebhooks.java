package com.sendline.fakes.graphapi;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Webhook bodies as Meta posts them for the WhatsApp Business Account object (Graph API v21 shapes: one entry, one
 * {@code messages} change, {@code metadata} naming the business number), and Meta's
 * {@code X-Hub-Signature-256} over them. Tests and the webhook benchmark post these to Sendline.
 */
public final class MetaWebhooks {
    private MetaWebhooks() {
    }

    /** A customer's text message to {@code phoneNumberId}. {@code from} is digits only, as Meta sends it. */
    public static String incomingText(String phoneNumberId, String displayNumber, String from, String profileName,
                                      String wamid, String text, Instant at) {
        return envelope(phoneNumberId, displayNumber, """
                "contacts":[{"profile":{"name":%s},"wa_id":%s}],\
                "messages":[{"from":%s,"id":%s,"timestamp":"%d","text":{"body":%s},"type":"text"}]"""
                .formatted(quote(profileName), quote(from), quote(from), quote(wamid), at.getEpochSecond(),
                        quote(text)));
    }

    /**
     * A status of a message the business sent: {@code sent}, {@code delivered}, {@code read} or {@code failed}
     * (with Meta's error 131026 "Message undeliverable" for the latter).
     *
     * @param callbackData what the sender put in {@code biz_opaque_callback_data}, or null
     */
    public static String status(String phoneNumberId, String displayNumber, String wamid, String status,
                                String recipient, String callbackData, Instant at) {
        String errors = "failed".equals(status) ? ",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\","
                + "\"message\":\"Message undeliverable\",\"error_data\":{\"details\":\"Message Undeliverable.\"}}]" : "";
        String pricing = "failed".equals(status) ? "" : ",\"conversation\":{\"id\":\"CONVERSATION_ID\",\"origin\":"
                + "{\"type\":\"service\"}},\"pricing\":{\"billable\":true,\"pricing_model\":\"CBP\",\"category\":\"service\"}";
        return envelope(phoneNumberId, displayNumber, """
                "statuses":[{"id":%s,"status":%s,"timestamp":"%d","recipient_id":%s%s%s%s}]"""
                .formatted(quote(wamid), quote(status), at.getEpochSecond(), quote(recipient),
                        callbackData == null ? "" : ",\"biz_opaque_callback_data\":" + quote(callbackData), pricing,
                        errors));
    }

    /** {@code sha256=<hex>}: HMAC-SHA256 of the exact body bytes with the app secret. */
    public static String signature(String body, String appSecret) {
        return signature(body.getBytes(StandardCharsets.UTF_8), appSecret);
    }

    public static String signature(byte[] body, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String envelope(String phoneNumberId, String displayNumber, String value) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":\
                {"messaging_product":"whatsapp","metadata":{"display_phone_number":%s,"phone_number_id":%s},%s},\
                "field":"messages"}]}]}""".formatted(quote(displayNumber), quote(phoneNumberId), value);
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
