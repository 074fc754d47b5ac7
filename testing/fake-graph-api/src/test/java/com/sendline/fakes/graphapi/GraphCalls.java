package com.sendline.fakes.graphapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A bare client for the fake: real HTTP, no Sendline code, so the tests check the fake and nothing else. */
final class GraphCalls {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        int code() {
            return json.path("error").path("code").asInt();
        }

        String message() {
            return json.path("error").path("message").asText();
        }
    }

    GraphCalls(URI base) {
        this.base = base;
    }

    static String text(String to, String body) {
        return JSON.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", to).put("type", "text")
                .set("text", JSON.createObjectNode().put("preview_url", false).put("body", body)).toString();
    }

    Answer sendText(String phoneNumberId, String token, String to, String body) {
        return post("/v21.0/" + phoneNumberId + "/messages", token, text(to, body));
    }

    Answer post(String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
