package com.sendline.adapters.webhooks;

import com.sendline.domain.webhook.WebhookSender;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts webhook deliveries with the JDK's HttpClient. The whole exchange — connect, headers and body — is bounded
 * by {@code requestTimeout}, so a receiver that accepts the connection and then trickles (or never sends) its
 * answer costs one virtual thread for that long and no more. Redirects are not followed: a receiver's URL is the
 * one its owner registered.
 * <p>
 * Unless private targets are allowed, a receiver whose host resolves to a loopback, private, link-local (cloud
 * metadata), carrier-grade NAT, unique-local or multicast address is refused before anything is sent, so a
 * partner cannot use webhooks to reach the installation's own network. The check runs on every try; a host that
 * changes its DNS answer between the check and the connection (rebinding) is the remaining gap.
 */
public final class HttpWebhookSender implements WebhookSender {
    private static final int MAX_ERROR_BODY = 200;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final boolean privateTargets;

    public HttpWebhookSender(Duration connectTimeout, Duration requestTimeout, boolean privateTargets) {
        this.privateTargets = privateTargets;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Answer post(URI url, Map<String, String> headers, byte[] body) {
        if (!privateTargets) {
            String refusal = refusal(url.getHost());
            if (refusal != null) {
                return noAnswer(refusal);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = exchange.get(requestTimeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Answer(status, Optional.empty(), null);
            }
            return new Answer(status, retryAfter(response), "HTTP " + status + excerpt(response.body()));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return noAnswer("no answer within " + requestTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return noAnswer("no answer within " + requestTimeout.toMillis() + " ms");
            }
            return noAnswer(cause instanceof IOException && cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : String.valueOf(cause));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return noAnswer("interrupted: the instance is stopping");
        }
    }

    /** Why the host may not be posted to, or null when every address it resolves to is public. */
    static String refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "cannot resolve " + host;
        }
        for (InetAddress a : addresses) {
            if (isInternal(a)) {
                return "refused: " + host + " resolves to an internal address (" + a.getHostAddress()
                        + "); deliveries go to public addresses only";
            }
        }
        return null;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8 "this network", 240.0.0.0/4 reserved and broadcast.
            return (first == 100 && second >= 64 && second < 128) || first == 0 || first >= 240;
        }
        // fc00::/7 unique local addresses.
        return (b[0] & 0xfe) == 0xfc;
    }

    private static Answer noAnswer(String error) {
        return new Answer(null, Optional.empty(), error);
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
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
}
