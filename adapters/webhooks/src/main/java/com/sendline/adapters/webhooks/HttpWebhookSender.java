package com.sendline.adapters.webhooks;

import com.sendline.domain.webhook.WebhookSender;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Posts webhook deliveries with Apache HttpClient (classic, pooled keep-alive connections), blocking the delivery's
 * virtual thread. The whole exchange — connect, headers and body — is bounded by {@code requestTimeout}: past it the
 * request is aborted, so a receiver that accepts the connection and then trickles (or never sends) its answer costs
 * one virtual thread for that long and no more. Redirects are not followed: a receiver's URL is the one its owner
 * registered. At most 64 KB of an error answer is read.
 * <p>
 * Unless private targets are allowed, the connection's own DNS lookup refuses a host that resolves to a loopback,
 * private, link-local (cloud metadata), carrier-grade NAT, unique-local or multicast address
 * ({@link PublicAddressResolver}), so a partner cannot use webhooks to reach the installation's own network — not
 * even with a host that answers DNS differently from one lookup to the next.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {
    private static final int MAX_ERROR_BODY = 200;
    private static final int MAX_CONNECTIONS = 1024;
    private final CloseableHttpClient client;
    private final Duration requestTimeout;
    private final ScheduledExecutorService deadlines;

    public HttpWebhookSender(Duration connectTimeout, Duration requestTimeout, boolean privateTargets) {
        this(connectTimeout, requestTimeout, privateTargets ? SystemDefaultDnsResolver.INSTANCE
                : new PublicAddressResolver());
    }

    HttpWebhookSender(Duration connectTimeout, Duration requestTimeout, DnsResolver dns) {
        this.requestTimeout = requestTimeout;
        Timeout connect = Timeout.of(connectTimeout);
        Timeout whole = Timeout.of(requestTimeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(dns)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(whole)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(whole)
                        .setResponseTimeout(whole)
                        .build())
                // A try is counted and retried by the delivery loop, on its own schedule.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("Sendline-Webhooks")
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Answer post(URI url, Map<String, String> headers, byte[] body) {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, null));
        AtomicBoolean overdue = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            overdue.set(true);
            post.cancel();
        }, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return client.execute(post, response -> {
                int status = response.getCode();
                if (status >= 200 && status < 300) {
                    return new Answer(status, Optional.empty(), null);
                }
                Header retryAfter = response.getFirstHeader("Retry-After");
                String text = response.getEntity() == null ? ""
                        : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8, 64 * 1024);
                return new Answer(status, retryAfter(retryAfter == null ? null : retryAfter.getValue()),
                        "HTTP " + status + excerpt(text));
            });
        } catch (PublicAddressResolver.InternalAddressRefused e) {
            return noAnswer(e.getMessage());
        } catch (UnknownHostException e) {
            return noAnswer("cannot resolve " + url.getHost());
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return noAnswer("interrupted: the instance is stopping");
            }
            if (overdue.get() || e instanceof InterruptedIOException) {
                return noAnswer("no answer within " + requestTimeout.toMillis() + " ms");
            }
            return noAnswer(e.getMessage() == null ? e.getClass().getSimpleName() : e.toString());
        } finally {
            deadline.cancel(false);
        }
    }

    private static Answer noAnswer(String error) {
        return new Answer(null, Optional.empty(), error);
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration d = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Optional.empty() : Optional.of(d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > MAX_ERROR_BODY ? oneLine.substring(0, MAX_ERROR_BODY) + "…" : oneLine);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
