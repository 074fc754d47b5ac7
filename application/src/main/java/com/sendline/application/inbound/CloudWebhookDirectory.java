package com.sendline.application.inbound;

import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.CloudNumbers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The installation's Cloud numbers as webhooks need them, held in memory: webhooks come at hundreds a second and
 * must not cost a query each. The snapshot is read again every {@code maxAge}, and at once (at most once a
 * second) when a webhook names a number or carries a signature it does not know — a number added a moment ago
 * works straight away.
 */
public final class CloudWebhookDirectory {
    private static final Duration MIN_REFRESH_GAP = Duration.ofSeconds(1);

    private final CloudNumbers numbers;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Snapshot snapshot;

    /** @param macs one keyed Mac per app secret, in the same order */
    private record Snapshot(Map<String, CloudNumbers.Owned> byPhoneNumberId, List<String> appSecrets,
                            List<javax.crypto.Mac> macs, List<String> verifyTokens, Instant readAt) {
    }

    public CloudWebhookDirectory(CloudNumbers numbers, Clock clock, Duration maxAge) {
        this.numbers = numbers;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    Optional<CloudNumbers.Owned> number(String phoneNumberId) {
        CloudNumbers.Owned n = current().byPhoneNumberId().get(phoneNumberId);
        if (n == null && refreshIfAllowed()) {
            n = snapshot.byPhoneNumberId().get(phoneNumberId);
        }
        return Optional.ofNullable(n);
    }

    /** @return the app secret that signed {@code body}, if any known one did */
    Optional<String> secretThatSigned(byte[] body, WebhookSignature signature) {
        Optional<String> found = find(current(), body, signature);
        if (found.isEmpty() && refreshIfAllowed()) {
            found = find(snapshot, body, signature);
        }
        return found;
    }

    boolean isVerifyToken(String token) {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        return anyEquals(current().verifyTokens(), given)
                || (refreshIfAllowed() && anyEquals(snapshot.verifyTokens(), given));
    }

    /** Compares with every token, in constant time each, without stopping at a match. */
    private static boolean anyEquals(List<String> tokens, byte[] given) {
        boolean match = false;
        for (String known : tokens) {
            match |= MessageDigest.isEqual(given, known.getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }

    /** Forgets what it holds: the next webhook reads the numbers again (after a number is added or removed). */
    public void invalidate() {
        snapshot = null;
    }

    private static Optional<String> find(Snapshot s, byte[] body, WebhookSignature signature) {
        for (int i = 0; i < s.appSecrets().size(); i++) {
            if (signature.matches(body, s.macs().get(i))) {
                return Optional.of(s.appSecrets().get(i));
            }
        }
        return Optional.empty();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || isStale(s)) {
            synchronized (this) {
                s = snapshot;
                if (s == null || isStale(s)) {
                    s = load();
                }
            }
        }
        return s;
    }

    private boolean isStale(Snapshot s) {
        return !clock.instant().isBefore(s.readAt().plus(maxAge));
    }

    private synchronized boolean refreshIfAllowed() {
        Snapshot s = snapshot;
        if (s != null && clock.instant().isBefore(s.readAt().plus(MIN_REFRESH_GAP))) {
            return false;
        }
        load();
        return true;
    }

    private synchronized Snapshot load() {
        List<CloudNumbers.Owned> owned = numbers.all();
        List<CloudNumber> all = owned.stream().map(CloudNumbers.Owned::number).toList();
        List<String> secrets = List.copyOf(all.stream().map(CloudNumber::appSecret)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        Snapshot s = new Snapshot(
                owned.stream().collect(Collectors.toUnmodifiableMap(o -> o.number().phoneNumberId(),
                        Function.identity())),
                secrets, secrets.stream().map(WebhookSignature::keyed).toList(),
                List.copyOf(all.stream().map(CloudNumber::verifyToken).collect(Collectors.toCollection(LinkedHashSet::new))),
                clock.instant());
        snapshot = s;
        return s;
    }
}
