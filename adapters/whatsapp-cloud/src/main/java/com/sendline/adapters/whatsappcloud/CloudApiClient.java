package com.sendline.adapters.whatsappcloud;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sendline.domain.device.CloudNumber;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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
    /** The messages URI of each number, parsed once; a bounded cache, as the numbers of a fleet come and go. */
    private final ConcurrentHashMap<String, URI> uris = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_URIS = 10_000;

    public CloudApiClient(CloudApiSettings settings) {
        this(settings, HttpClient.newBuilder()
                // HTTP/1.1: Meta's endpoint is fine with it and it keeps a pool of plain keep-alive connections.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // The default executor (platform threads), not virtual threads: on a saturated machine the client's
                // steps then queue behind every runnable virtual thread, and calls took twice as long
                // (load-tests/bench throttle, docs/benchmarks.md).
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
        return send(from, request(from, message));
    }

    /**
     * The HTTP request of one send, ready to go: built before the send waits for its turn, so that it leaves the
     * moment the turn comes, and reused as it is when the send is tried again.
     */
    HttpRequest request(CloudNumber from, OutgoingMessage message) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(message, "message");
        return HttpRequest.newBuilder(messagesUri(from.phoneNumberId()))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + from.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(message)))
                .build();
    }

    /** Makes the call of a {@link #request}; {@code from} is the number it was built for. */
    String send(CloudNumber from, HttpRequest request) throws GraphException, IOException, InterruptedException {
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
        URI uri = uris.get(phoneNumberId);
        if (uri == null) {
            uri = URI.create(base + "/" + settings.version() + "/" + phoneNumberId + "/messages");
            if (uris.size() < MAX_CACHED_URIS) {
                uris.putIfAbsent(phoneNumberId, uri);
            }
        }
        return uri;
    }

    /** The request body in Meta's shape, written straight to bytes. */
    static byte[] json(OutgoingMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("messaging_product", "whatsapp");
            json.writeStringField("recipient_type", "individual");
            // Meta wants the number without its "+".
            json.writeStringField("to", message.to().e164().substring(1));
            switch (message) {
                case OutgoingMessage.Text text -> {
                    json.writeStringField("type", "text");
                    json.writeObjectFieldStart("text");
                    json.writeBooleanField("preview_url", false);
                    json.writeStringField("body", text.body());
                    json.writeEndObject();
                }
                case OutgoingMessage.Template template -> {
                    json.writeStringField("type", "template");
                    json.writeObjectFieldStart("template");
                    json.writeStringField("name", template.name());
                    json.writeObjectFieldStart("language");
                    json.writeStringField("code", template.languageCode());
                    json.writeEndObject();
                    if (!template.bodyParameters().isEmpty()) {
                        json.writeArrayFieldStart("components");
                        json.writeStartObject();
                        json.writeStringField("type", "body");
                        json.writeArrayFieldStart("parameters");
                        for (String parameter : template.bodyParameters()) {
                            json.writeStartObject();
                            json.writeStringField("type", "text");
                            json.writeStringField("text", parameter);
                            json.writeEndObject();
                        }
                        json.writeEndArray();
                        json.writeEndObject();
                        json.writeEndArray();
                    }
                    json.writeEndObject();
                }
            }
            if (message.callbackData() != null) {
                json.writeStringField("biz_opaque_callback_data", message.callbackData());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a message as JSON", e); // not with an in-memory stream
        }
        return out.toByteArray();
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
