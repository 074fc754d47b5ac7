package com.sendline.domain.webhook;

import com.sendline.domain.tenancy.BusinessId;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A business's request to be told about events at a URL. The URL is absolute https; plain http only for a
 * loopback host (localhost, 127.0.0.0/8, ::1), where nothing crosses a network — useful on a developer's machine,
 * never a way to send events in the clear to someone else.
 */
public record WebhookSubscription(WebhookSubscriptionId id, BusinessId business, URI url, Set<WebhookEvent> events,
                                  String description, Instant createdAt) {
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    public WebhookSubscription {
        Objects.requireNonNull(id, "webhook id");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(createdAt, "created at");
        List<InvalidWebhookSubscription.FieldProblem> problems = new ArrayList<>();
        String urlProblem = url == null ? "is required" : urlProblem(url);
        if (urlProblem != null) {
            problems.add(new InvalidWebhookSubscription.FieldProblem("url", urlProblem));
        }
        if (events == null || events.isEmpty()) {
            problems.add(new InvalidWebhookSubscription.FieldProblem("events", "must name at least one event"));
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            problems.add(new InvalidWebhookSubscription.FieldProblem("description",
                    "must be at most " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidWebhookSubscription(problems);
        }
        events = Collections.unmodifiableSet(EnumSet.copyOf(events));
        description = description == null || description.isBlank() ? null : description.strip();
    }

    /**
     * A new subscription from what a partner sent: every wrong field is reported at once.
     *
     * @throws InvalidWebhookSubscription naming each field that is wrong
     */
    public static WebhookSubscription create(BusinessId business, String url, List<String> events, String description,
                                             Instant now) {
        List<InvalidWebhookSubscription.FieldProblem> problems = new ArrayList<>();
        URI uri = null;
        if (url == null || url.isBlank()) {
            problems.add(new InvalidWebhookSubscription.FieldProblem("url", "is required"));
        } else {
            try {
                uri = new URI(url.strip());
                String p = urlProblem(uri);
                if (p != null) {
                    problems.add(new InvalidWebhookSubscription.FieldProblem("url", p));
                }
            } catch (URISyntaxException e) {
                problems.add(new InvalidWebhookSubscription.FieldProblem("url", "is not a URL"));
            }
        }
        EnumSet<WebhookEvent> chosen = EnumSet.noneOf(WebhookEvent.class);
        if (events == null || events.isEmpty()) {
            problems.add(new InvalidWebhookSubscription.FieldProblem("events", "must name at least one event"));
        } else {
            for (String label : events) {
                WebhookEvent event = label == null ? null : WebhookEvent.fromLabel(label.strip()).orElse(null);
                if (event == null) {
                    problems.add(new InvalidWebhookSubscription.FieldProblem("events",
                            "has an unknown event \"" + label + "\"; known: " + labels()));
                } else {
                    chosen.add(event);
                }
            }
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            problems.add(new InvalidWebhookSubscription.FieldProblem("description",
                    "must be at most " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidWebhookSubscription(problems);
        }
        return new WebhookSubscription(WebhookSubscriptionId.random(), business, uri, chosen, description, now);
    }

    /** The same subscription under an id chosen beforehand (one reserved for a retried request). */
    public WebhookSubscription withId(WebhookSubscriptionId other) {
        return new WebhookSubscription(other, business, url, events, description, createdAt);
    }

    public boolean wants(WebhookEvent event) {
        return events.contains(event);
    }

    private static String labels() {
        return String.join(", ", EnumSet.allOf(WebhookEvent.class).stream().map(WebhookEvent::label).toList());
    }

    private static String urlProblem(URI url) {
        if (url.toString().length() > MAX_URL_LENGTH) {
            return "must be at most " + MAX_URL_LENGTH + " characters";
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.isOpaque() || url.getHost() == null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            return "must be an absolute https:// URL";
        }
        if (url.getRawUserInfo() != null) {
            return "must not carry a user name or password";
        }
        if (url.getRawFragment() != null) {
            return "must not have a #fragment";
        }
        if (scheme.equals("http") && !isLoopback(url.getHost())) {
            return "must use https (plain http is allowed only for localhost)";
        }
        return null;
    }

    /** Loopback by its spelling only: no name is looked up, so validation never waits on DNS. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            return h.equals("[::1]");
        }
        if (!h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal address: parsed, not resolved
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
