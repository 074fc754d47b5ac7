package com.sendline.domain.session;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a device's pairing stands, for a screen to show.
 *
 * @param qrPayload the latest QR payload while {@link Stage#SHOW_QR}, else null
 * @param detail    why it ended, for people; null otherwise
 */
public record PairingStatus(Stage stage, String qrPayload, Instant at, String detail) {
    public enum Stage { STARTING, SHOW_QR, LINKED, EXPIRED, FAILED }

    public PairingStatus {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(at, "at");
        if ((stage == Stage.SHOW_QR) != (qrPayload != null)) {
            throw new IllegalArgumentException("a QR payload belongs to SHOW_QR and only there");
        }
    }

    /** The QR payload is a secret of sorts (whoever scans it links their phone): never printed. */
    @Override
    public String toString() {
        return "PairingStatus[" + stage + " at " + at + (detail == null ? "" : ", " + detail) + "]";
    }
}
