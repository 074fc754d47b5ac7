package com.sendline.fakes.graphapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * Meta's error answers, worded and shaped as the Graph API sends them ({@code {"error":{message, type, code,
 * error_subcode, error_data, fbtrace_id}}}), so that a client's parser meets the real thing. Messages never repeat
 * the access token, as Meta's do not.
 */
final class GraphErrors {
    static final int INVALID_PARAMETER = 100;
    static final int ACCESS_TOKEN = 190;
    static final int THROUGHPUT = 130429;
    static final int PAIR_RATE_LIMIT = 131056;
    static final int SPAM_RATE_LIMIT = 131048;
    static final int ACCOUNT_RATE_LIMIT = 80007;
    static final int UNDELIVERABLE = 131026;
    static final int UNKNOWN_PATH = 2500;

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private GraphErrors() {
    }

    static GraphResponse missingToken() {
        return error(401, "An access token is required to request this resource.", ACCESS_TOKEN, 0, null);
    }

    static GraphResponse invalidToken() {
        return error(401, "Invalid OAuth access token - Cannot parse access token", ACCESS_TOKEN, 0, null);
    }

    /** What Meta says for an id that does not exist or that this token may not use: it does not tell which. */
    static GraphResponse unknownObject(String id) {
        return error(400, "Unsupported post request. Object with ID '" + id + "' does not exist, cannot be loaded"
                + " due to missing permissions, or does not support this operation. Please read the Graph API"
                + " documentation at https://developers.facebook.com/docs/graph-api", INVALID_PARAMETER, 33, null,
                "GraphMethodException");
    }

    static GraphResponse unsupportedMethod(String method) {
        return error(400, "Unsupported " + method.toLowerCase(java.util.Locale.ROOT) + " request.",
                INVALID_PARAMETER, 0, null, "GraphMethodException");
    }

    static GraphResponse unknownPath(String path) {
        return error(400, "Unknown path components: " + path, UNKNOWN_PATH, 0, null);
    }

    /** A request Meta would not parse; {@code message} names the field, as Meta's "(#100)" messages do. */
    static GraphResponse invalidParameter(String message) {
        return error(400, "(#100) " + message, INVALID_PARAMETER, 0, null);
    }

    /** Meta's answer for one of the codes a test may inject, or a generic one for a code the fake does not know. */
    static GraphResponse forCode(int code) {
        return switch (code) {
            case THROUGHPUT -> error(400, "(#130429) Rate limit hit", code, 0,
                    "Cloud API message throughput has been reached.");
            case PAIR_RATE_LIMIT -> error(400, "(#131056) (Business Account, Consumer Account) pair rate limit hit",
                    code, 0, "Message failed to send because there were too many messages sent from this phone"
                            + " number to the same phone number in a short period of time.");
            case SPAM_RATE_LIMIT -> error(400, "(#131048) Spam rate limit hit", code, 0,
                    "Message failed to send because there are restrictions on how many messages can be sent from"
                            + " this phone number. This may be because too many previous messages were blocked or"
                            + " flagged as spam.");
            case ACCOUNT_RATE_LIMIT -> error(400, "(#80007) Rate limit issues", code, 0,
                    "The WhatsApp Business Account has reached its rate limit.");
            case UNDELIVERABLE -> error(400, "(#131026) Message Undeliverable", code, 0,
                    "Message failed to send because the recipient's phone number is not a WhatsApp phone number,"
                            + " or the recipient has not accepted the new Terms of Service.");
            case INVALID_PARAMETER -> error(400, "(#100) Invalid parameter", code, 0, null);
            case ACCESS_TOKEN -> error(401, "Error validating access token: Session has expired.", code, 463, null);
            default -> error(400, "(#" + code + ") Error", code, 0, null);
        };
    }

    /** Meta's transient server errors: code 2 "service unavailable" for 503, code 1 "unknown error" otherwise. */
    static GraphResponse serverError(int status, Duration retryAfter) {
        boolean unavailable = status == 503;
        ObjectNode error = body(unavailable ? "Service temporarily unavailable" : "An unknown error has occurred.",
                unavailable ? 2 : 1, 0, null, "OAuthException");
        ((ObjectNode) error.get("error")).put("is_transient", true);
        return new GraphResponse(status, error.toString(), retryAfter, unavailable ? 2 : 1);
    }

    /**
     * A request the server could not read as HTTP, or whose body is over its size limit: refused before the fake
     * looks at it, with Meta's generic code 1, and never counted.
     */
    static GraphResponse unreadable(int status, String message) {
        return error(status, message, 1, 0, null);
    }

    private static GraphResponse error(int status, String message, int code, int subcode, String details) {
        return error(status, message, code, subcode, details, "OAuthException");
    }

    private static GraphResponse error(int status, String message, int code, int subcode, String details,
                                       String type) {
        return new GraphResponse(status, body(message, code, subcode, details, type).toString(), null, code);
    }

    private static ObjectNode body(String message, int code, int subcode, String details, String type) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        if (subcode != 0) {
            error.put("error_subcode", subcode);
        }
        if (details != null) {
            ObjectNode data = error.putObject("error_data");
            data.put("messaging_product", "whatsapp");
            data.put("details", details);
        }
        error.put("fbtrace_id", fbtraceId());
        return root;
    }

    private static String fbtraceId() {
        StringBuilder id = new StringBuilder(23);
        for (int i = 0; i < 23; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
