package com.sendline.adapters.whatsappcloud;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sendline.domain.device.CloudNumber;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP call to Meta's messages endpoint per send, nothing more: no throttle, no retries (those are
 * {@link CloudSender}'s). Thread-safe; one instance serves every number.
 * <p>
 * The calls go through Apache HttpClient's classic (blocking) client from the senders' virtual threads: a pool of
 * keep-alive connections, a blocking read per answer and no hand-over between threads. It costs about a third of
 * the CPU per call of the JDK's {@code HttpClient}, whose selector thread and executor hops made it a quarter of
 * the throttle benchmark's JVM time (docs/benchmarks.md).
 */
public final class CloudApiClient implements AutoCloseable {
    private static final ObjectMapper JSON = Json.MAPPER;
    /** More calls in flight than any number of Cloud numbers on one worker keeps under way (64 per number). */
    private static final int MAX_CONNECTIONS = 1024;

    private final CloudApiSettings settings;
    private final CloseableHttpClient http;
    private final Clock clock;
    private final String base;
    /** The messages URI of each number, parsed once; a bounded cache, as the numbers of a fleet come and go. */
    private final ConcurrentHashMap<String, URI> uris = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_URIS = 10_000;

    public CloudApiClient(CloudApiSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock only turns a {@code Retry-After} date into a delay */
    public CloudApiClient(CloudApiSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        String url = settings.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        Timeout timeout = Timeout.of(settings.requestTimeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                // A connection Meta closed while it sat idle is found out before a send uses it.
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .build())
                // Whether and when to call again is CloudSender's decision: a repeated send is a repeated message.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("Sendline")
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    public CloudApiSettings settings() {
        return settings;
    }

    /**
     * Sends one message from {@code from}.
     *
     * @return Meta's id for the message ({@code wamid.…})
     * @throws GraphException Meta answered with an error
     * @throws IOException    no answer: timeout (an {@link InterruptedIOException}) or connection trouble; Meta may
     *                        or may not have taken the message
     */
    public String send(CloudNumber from, OutgoingMessage message)
            throws GraphException, IOException, InterruptedException {
        return send(from, call(from, message));
    }

    /** The call of one send, ready to go. */
    GraphCall call(CloudNumber from, OutgoingMessage message) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(message, "message");
        return new GraphCall(messagesUri(from.phoneNumberId()), "Bearer " + from.accessToken(), json(message));
    }

    /** Makes a {@link #call}; {@code from} is the number it was built for. */
    String send(CloudNumber from, GraphCall call) throws GraphException, IOException, InterruptedException {
        HttpPost post = new HttpPost(call.uri());
        post.setHeader("Authorization", call.authorization());
        post.setEntity(new ByteArrayEntity(call.body(), ContentType.APPLICATION_JSON));
        Answer answer;
        try {
            answer = http.execute(post, response -> {
                Header retryAfter = response.getFirstHeader("Retry-After");
                // Bytes, not a String: no reader and decoder per call, and Jackson reads UTF-8 bytes directly.
                byte[] body = response.getEntity() == null ? null : EntityUtils.toByteArray(response.getEntity());
                return new Answer(response.getCode(), body == null ? new byte[0] : body,
                        retryAfter == null ? null : retryAfter.getValue());
            });
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("the call was interrupted");
            }
            throw e;
        }
        if (answer.status() / 100 != 2) {
            throw new GraphException(GraphError.parse(answer.status(),
                    new String(answer.body(), StandardCharsets.UTF_8), answer.retryAfter(),
                    clock.instant(), from.accessToken()));
        }
        return wamid(answer.status(), answer.body());
    }

    /** What came back, read in full so the connection goes back to the pool at once. */
    private record Answer(int status, byte[] body, String retryAfter) {
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

    private static String wamid(int status, byte[] body) throws GraphException {
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
    public void close() throws IOException {
        http.close();
    }

    @Override
    public String toString() {
        return "CloudApiClient[" + base + " " + settings.version() + "]";
    }
}
