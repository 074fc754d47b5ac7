package com.sendline.fakes.graphapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one request the way Meta does, in Meta's order: token, then the number, then any scripted fault (Meta's
 * outages and throttles meet only authenticated calls), then the body, then the limits.
 */
final class MessagesHandler implements HttpHandler {
    private static final Pattern MESSAGES_PATH = Pattern.compile("/(v[0-9]+\\.[0-9]+)/([^/]+)/messages/?");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FakeGraphApi api;

    MessagesHandler(FakeGraphApi api) {
        this.api = api;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            GraphResponse response;
            try {
                response = answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body);
            } catch (InterruptedException e) {
                // The fake is closing: leave without answering, as a server going down does.
                Thread.currentThread().interrupt();
                return;
            }
            if (response.isError()) {
                api.rejected(response.graphCode());
            }
            byte[] out = response.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            if (response.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds(response.retryAfter())));
            }
            exchange.sendResponseHeaders(response.status(), out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        }
    }

    private GraphResponse answer(String method, String path, String authorization, byte[] body)
            throws InterruptedException {
        api.requestCount.incrementAndGet();
        sleep(api.latency);
        Matcher m = MESSAGES_PATH.matcher(path);
        if (!m.matches()) {
            return GraphErrors.unknownPath(path);
        }
        String token = bearer(authorization);
        if (token == null) {
            return GraphErrors.missingToken();
        }
        if (!api.knownTokens.containsKey(token)) {
            return GraphErrors.invalidToken();
        }
        String phoneNumberId = m.group(2);
        RegisteredNumber number = api.numbers.get(phoneNumberId);
        if (number == null || !number.token.equals(token)) {
            return GraphErrors.unknownObject(phoneNumberId);
        }
        if (!method.equals("POST")) {
            return GraphErrors.unsupportedMethod(method);
        }
        GraphFault fault = number.faults.next();
        if (fault == null) {
            fault = api.faults.next();
        }
        if (fault != null) {
            GraphResponse injected = inject(fault);
            if (injected != null) {
                return injected;
            }
        }
        MessageRequest request;
        try {
            request = MessageRequest.parse(body);
        } catch (MessageRequest.Invalid e) {
            return e.response();
        }
        return switch (number.admit(request.waId(), System.nanoTime(), api.defaultThroughputPerSecond,
                api.pairWindowNanos)) {
            case THROUGHPUT -> GraphErrors.forCode(GraphErrors.THROUGHPUT);
            case PAIR -> GraphErrors.forCode(GraphErrors.PAIR_RATE_LIMIT);
            case ACCEPTED -> accept(phoneNumberId, request);
        };
    }

    /** @return the answer the fault dictates, or null when the request goes on to be handled normally */
    private static GraphResponse inject(GraphFault fault) throws InterruptedException {
        return switch (fault) {
            case GraphFault.Error e -> GraphErrors.forCode(e.code());
            case GraphFault.HttpStatus s -> GraphErrors.serverError(s.status(), s.retryAfter());
            case GraphFault.Delay d -> {
                sleep(d.latency());
                yield null;
            }
        };
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

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            Thread.sleep(duration);
        }
    }

    private static long seconds(Duration duration) {
        long whole = duration.toSeconds();
        return duration.toNanosPart() > 0 ? whole + 1 : whole;
    }
}
