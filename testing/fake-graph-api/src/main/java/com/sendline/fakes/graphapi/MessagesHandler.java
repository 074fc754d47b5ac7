package com.sendline.fakes.graphapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers one request the way Meta does, in Meta's order: token, then the number, then any scripted fault (Meta's
 * outages and throttles meet only authenticated calls), then the body, then the limits. Knows nothing of HTTP's
 * plumbing: it takes what it reads from a request and gives back a {@link Reply}, whose waits the server keeps.
 */
final class MessagesHandler {
    private static final Pattern MESSAGES_PATH = Pattern.compile("/(v[0-9]+\\.[0-9]+)/([^/]+)/messages/?");
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FakeGraphApi api;

    MessagesHandler(FakeGraphApi api) {
        this.api = api;
    }

    /** @param authorization the {@code Authorization} header, null when absent */
    Reply answer(String method, String path, String authorization, byte[] body) {
        api.requestCount.incrementAndGet();
        return Reply.after(api.latency, () -> checked(method, path, authorization, body));
    }

    private Reply checked(String method, String path, String authorization, byte[] body) {
        Matcher m = MESSAGES_PATH.matcher(path);
        if (!m.matches()) {
            return refused(GraphErrors.unknownPath(path));
        }
        String token = bearer(authorization);
        if (token == null) {
            return refused(GraphErrors.missingToken());
        }
        if (!api.knownTokens.containsKey(token)) {
            return refused(GraphErrors.invalidToken());
        }
        String phoneNumberId = m.group(2);
        RegisteredNumber number = api.numbers.get(phoneNumberId);
        if (number == null || !number.token.equals(token)) {
            return refused(GraphErrors.unknownObject(phoneNumberId));
        }
        if (!method.equals("POST")) {
            return refused(GraphErrors.unsupportedMethod(method));
        }
        GraphFault fault = number.faults.next();
        if (fault == null) {
            fault = api.faults.next();
        }
        return switch (fault) {
            case null -> admitted(phoneNumberId, number, body);
            case GraphFault.Error e -> refused(GraphErrors.forCode(e.code()));
            case GraphFault.HttpStatus s -> refused(GraphErrors.serverError(s.status(), s.retryAfter()));
            case GraphFault.Delay d -> Reply.after(d.latency(), () -> admitted(phoneNumberId, number, body));
        };
    }

    private Reply admitted(String phoneNumberId, RegisteredNumber number, byte[] body) {
        MessageRequest request;
        try {
            request = MessageRequest.parse(body);
        } catch (MessageRequest.Invalid e) {
            return refused(e.response());
        }
        return switch (number.admit(request.waId(), System.nanoTime(), api.defaultThroughputPerSecond,
                api.pairWindowNanos)) {
            case THROUGHPUT -> refused(GraphErrors.forCode(GraphErrors.THROUGHPUT));
            case PAIR -> refused(GraphErrors.forCode(GraphErrors.PAIR_RATE_LIMIT));
            case ACCEPTED -> new Reply.Ready(accept(phoneNumberId, request));
        };
    }

    private Reply refused(GraphResponse error) {
        api.rejected(error.graphCode());
        return new Reply.Ready(error);
    }

    private GraphResponse accept(String phoneNumberId, MessageRequest request) {
        String wamid = wamid();
        api.accepted.add(new AcceptedMessage(phoneNumberId, request.to(), request.type(), request.text(),
                request.templateName(), wamid, api.clock.instant(), request.json()));
        api.acceptedCount.incrementAndGet();
        ObjectNode root = JSON.createObjectNode();
        root.put("messaging_product", "whatsapp");
        ObjectNode contact = root.putArray("contacts").addObject();
        contact.put("input", request.to());
        contact.put("wa_id", request.waId());
        root.putArray("messages").addObject().put("id", wamid);
        return GraphResponse.ok(root.toString());
    }

    /** Shaped like Meta's ids: "wamid." and base64 of an opaque blob. */
    private static String wamid() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return "wamid." + Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.length() <= 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = value.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
