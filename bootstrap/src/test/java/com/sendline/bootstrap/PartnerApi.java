package com.sendline.bootstrap;

import com.sendline.application.apiaccess.CreateApiKey;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.BusinessStatus;
import com.sendline.domain.tenancy.Businesses;
import com.sendline.domain.tenancy.Colour;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.HostName;
import com.sendline.domain.tenancy.Reseller;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.domain.tenancy.Resellers;
import com.sendline.domain.tenancy.Slug;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A partner's view of a running instance in tests: bearer tokens for chosen scopes, and JSON calls with them. */
final class PartnerApi {
    private final SendlineApplication app;
    private final URI url;
    private final BusinessId business;

    PartnerApi(SendlineApplication app, BusinessId business) {
        this.app = app;
        this.url = app.url();
        this.business = business;
    }

    /** The demo business's API, as seeded at start-up. */
    static PartnerApi demo(SendlineApplication app) {
        return new PartnerApi(app, app.seededNow().orElseThrow().businessId());
    }

    BusinessId business() {
        return business;
    }

    /** Another reseller with a business of its own and a simulator device: the tenant nobody else may see. */
    static Tenant otherTenant(SendlineApplication app) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Reseller reseller = new Reseller(ResellerId.random(), "Other " + tag, new Slug("other-" + tag),
                Set.of(new HostName("other-" + tag + ".example")),
                new Branding("Other", null, new Colour("#123456"), new EmailAddress("help@other.example")));
        app.context().getBean(Resellers.class).add(reseller);
        Business business = new Business(BusinessId.random(), reseller.id(), "Other shop " + tag,
                ZoneId.of("UTC"), BusinessStatus.ACTIVE);
        app.context().getBean(Businesses.class).add(business);
        Device device = Device.newDevice(business.id(), Channel.SIMULATOR, new PhoneNumber("+15550009999"),
                "Other simulator");
        app.context().getBean(Devices.class).add(device);
        return new Tenant(new PartnerApi(app, business.id()), device);
    }

    record Tenant(PartnerApi api, Device device) {
    }

    String token(Scope first, Scope... more) {
        String key = app.context().getBean(CreateApiKey.class).create(new ApiKeyOwner.OfBusiness(business), "Test",
                EnumSet.of(first, more)).plaintext();
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(url.resolve("/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + key + "\"}")).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("no token: " + response.body());
        }
        return response.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    /** A token with every scope. */
    String allScopes() {
        Scope[] all = Scope.values();
        return token(all[0], java.util.Arrays.copyOfRange(all, 1, all.length));
    }

    HttpResponse<String> get(String token, String path) {
        return Http.send(request(token, path).GET().build());
    }

    HttpResponse<String> delete(String token, String path) {
        return Http.send(request(token, path).DELETE().build());
    }

    HttpResponse<String> post(String token, String path, String json, String... headers) {
        HttpRequest.Builder request = request(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Http.send(request.build());
    }

    HttpResponse<String> send(String token, String method, String path, String contentType, String body,
                              String... headers) {
        HttpRequest.Builder request = request(token, path).header("Content-Type", contentType)
                .method(method, body.isEmpty() && (method.equals("GET") || method.equals("DELETE"))
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Http.send(request.build());
    }

    /** Any method, any content type (null for none), any body (null for none) — for the odd requests. */
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

    private HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** A top-level string field of a JSON object, read without a parser (tests compare exact values). */
    static String field(String json, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
