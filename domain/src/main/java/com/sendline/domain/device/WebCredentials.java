package com.sendline.domain.device;

import com.sendline.domain.tenancy.BusinessId;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The WhatsApp Web credentials of each Web device: the linked device's keys and the driver's account state, as bytes
 * in the driver's own encoding ({@link Stored#format()}). They live in the database, never on a file system, so a
 * session can be resumed on any server. A device has one row; every pairing gives it a new session id, and writes
 * that name an older session id (a pairing that was replaced, a session still closing) change nothing.
 */
public interface WebCredentials {
    /** Where the device's link to a phone stands. */
    enum Link {
        /** Keys exist, no phone has scanned them yet. */
        PAIRING,
        /** A phone scanned the QR code; the keys log in. */
        LINKED,
        /** WhatsApp ended the link (unlinked on the phone, or banned): the keys were wiped; it needs a new pairing. */
        LOGGED_OUT
    }

    /**
     * One device's row. {@code keys} and {@code store} are null until written and after a logout; the arrays are the
     * caller's to keep (they are not copied).
     */
    record Stored(DeviceId device, BusinessId business, UUID session, String format, Link link, byte[] keys,
                  byte[] store) {
        public Stored {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(business, "business");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(link, "link");
        }

        @Override
        public String toString() {
            return "WebCredentials.Stored[" + device + ", " + link + ", " + format + ", keys "
                    + (keys == null ? "none" : keys.length + " bytes") + ", store "
                    + (store == null ? "none" : store.length + " bytes") + "]";
        }
    }

    /** Starts a new pairing: replaces whatever the device had with an empty row for {@code session}. */
    void beginPairing(BusinessId business, DeviceId device, UUID session, String format);

    Optional<Stored> find(BusinessId business, DeviceId device);

    /**
     * @param linked the keys have been accepted by a phone; the row becomes {@link Link#LINKED} (it never goes back
     *               to {@link Link#PAIRING})
     * @return false when nothing was written: {@code session} is no longer the device's, the device logged out, or
     *         the device is gone
     */
    boolean saveKeys(BusinessId business, DeviceId device, UUID session, byte[] keys, boolean linked);

    /** @return false when nothing was written (as for {@link #saveKeys}) */
    boolean saveStore(BusinessId business, DeviceId device, UUID session, byte[] store);

    /** WhatsApp ended the link of {@code session}: the keys and state are wiped. @return false when nothing changed */
    boolean loggedOut(BusinessId business, DeviceId device, UUID session);
}
