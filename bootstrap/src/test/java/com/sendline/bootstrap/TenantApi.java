package com.sendline.bootstrap;

import com.sendline.application.apiaccess.CreateApiKey;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.domain.tenancy.BusinessId;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls the partner API as one business, with a token minted for the scopes a test chooses. */
final class TenantApi {
    private final SendlineApplication app;
    private final BusinessId business;

    TenantApi(SendlineApplication app, BusinessId business) {
        this.app = app;
        this.business = business;
    }

    String token(Scope first, Scope... more) {
        String key = app.context().getBean(CreateApiKey.class).create(new ApiKeyOwner.OfBusiness(business), "Test",
                EnumSet.of(first, more)).plaintext();
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(app.url().resolve("/api/v1/auth/token"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + key + "\"}")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    static HttpResponse<String> call(SendlineApplication app, String method, String path, String token,
                                     String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.url().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return Http.send(request.build());
    }

    /** The value of a top-level or nested string field, e.g. {@code "id"} of a created resource. */
    static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
