package com.sendline.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A small blocking HTTP client for tests, over real sockets. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> get(URI base, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> sendBytes(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a Server-Sent Events stream; every line arrives in the queue, and "<end>" when the stream ends. */
    static BlockingQueue<String> stream(URI base, String path, String... headers) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream");
        if (headers.length > 0) {
            builder.headers(headers);
        }
        HttpRequest request = builder.build();
        CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            lines.add("<status " + response.statusCode() + ">");
            Thread.ofVirtual().start(() -> {
                try {
                    response.body().forEach(lines::add);
                } catch (RuntimeException e) {
                    lines.add("<error " + e + ">");
                }
                lines.add("<end>");
            });
        }).exceptionally(e -> {
            lines.add("<error " + e + ">");
            return null;
        });
        return lines;
    }
}
