package com.sendline.adapters.whatsappweb;

import java.time.Duration;
import java.util.Objects;

/**
 * @param connectTimeout how long logging in with stored credentials may take before the connect counts as failed
 * @param sendTimeout    how long one send may take: the number lookup plus handing the message over
 * @param pairingTimeout how long a pairing waits for a phone to scan a QR code
 * @param loginAfterScan how long logging in may take once a code was scanned
 */
public record WebSettings(Duration connectTimeout, Duration sendTimeout, Duration pairingTimeout,
                          Duration loginAfterScan) {
    public WebSettings {
        positive(connectTimeout, "connect timeout");
        positive(sendTimeout, "send timeout");
        positive(pairingTimeout, "pairing timeout");
        positive(loginAfterScan, "login after scan");
    }

    public static WebSettings defaults() {
        return new WebSettings(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(60),
                Duration.ofSeconds(60));
    }

    public WebSettings withConnectTimeout(Duration d) {
        return new WebSettings(d, sendTimeout, pairingTimeout, loginAfterScan);
    }

    public WebSettings withSendTimeout(Duration d) {
        return new WebSettings(connectTimeout, d, pairingTimeout, loginAfterScan);
    }

    public WebSettings withPairingTimeout(Duration d) {
        return new WebSettings(connectTimeout, sendTimeout, d, loginAfterScan);
    }

    public WebSettings withLoginAfterScan(Duration d) {
        return new WebSettings(connectTimeout, sendTimeout, pairingTimeout, d);
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }
}
