package com.sendline.adapters.whatsappcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sendline.domain.device.CloudNumber;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Objects;

/**
 * One HTTP call to Meta's messages endpoint per send, nothing more: no throttle, no retries (those are
 * {@link CloudSender}'s). Thread-safe; one instance serves every number.
 */
public final class CloudApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudApiSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final String base;

    public CloudApiClient(CloudApiSettings settings) {
        this(settings, HttpClient.newBuilder()
                // HTTP/1.1: Meta's endpoint is fine with it and it keeps a pool of plain keep-alive connections.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), Clock.systemUTC());
    }

    /** @param clock only turns a {@code Retry-After} date into a delay */
    public CloudApiClient(CloudApiSettings settings, HttpClient http, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http client");
        this.clock = Objects.requireNonNull(clock, "clock");
        String url = settings.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public CloudApiSettings settings() {
        return settings;
    }

    /**
     * Sends one message from {@code from}.
     *
     * @return Meta's id for the message ({@code wamid.…})
     * @throws GraphException Meta answered with an error
     * @throws IOException    no answer: timeout ({@link java.net.http.HttpTimeoutException}) or connection trouble;
     *                        Meta may or may not have taken the message
     */
    public String send(CloudNumber from, OutgoingMessage message)
            throws GraphException, IOException, InterruptedException {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(message, "message");
        HttpRequest request = HttpRequest.newBuilder(messagesUri(from.phoneNumberId()))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + from.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(message).toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new GraphException(GraphError.parse(status, response.body(),
                    response.headers().firstValue("Retry-After").orElse(null), clock.instant(),
                    from.accessToken()));
        }
        return wamid(status, response.body());
    }

    private URI messagesUri(String phoneNumberId) {
        return URI.create(base + "/" + settings.version() + "/" + phoneNumberId + "/messages");
    }

    static ObjectNode json(OutgoingMessage message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("messaging_product", "whatsapp");
        root.put("recipient_type", "individual");
        // Meta wants the number without its "+".
        root.put("to", message.to().e164().substring(1));
        switch (message) {
            case OutgoingMessage.Text text -> {
                root.put("type", "text");
                ObjectNode body = root.putObject("text");
                body.put("preview_url", false);
                body.put("body", text.body());
            }
            case OutgoingMessage.Template template -> {
                root.put("type", "template");
                ObjectNode body = root.putObject("template");
                body.put("name", template.name());
                body.putObject("language").put("code", template.languageCode());
                if (!template.bodyParameters().isEmpty()) {
                    ObjectNode component = body.putArray("components").addObject();
                    component.put("type", "body");
                    ArrayNode parameters = component.putArray("parameters");
                    for (String parameter : template.bodyParameters()) {
                        parameters.addObject().put("type", "text").put("text", parameter);
                    }
                }
            }
        }
        if (message.callbackData() != null) {
            root.put("biz_opaque_callback_data", message.callbackData());
        }
        return root;
    }

    private static String wamid(int status, String body) throws GraphException {
        try {
            JsonNode id = JSON.readTree(body).path("messages").path(0).path("id");
            if (id.isTextual() && !id.asText().isBlank()) {
                return id.asText();
            }
        } catch (IOException e) {
            // falls through to the same answer as a body without an id
        }
        throw new GraphException(GraphError.unreadable(status, "Meta's answer carried no message id"));
    }

    @Override
    public String toString() {
        return "CloudApiClient[" + base + " " + settings.version() + "]";
    }
}
