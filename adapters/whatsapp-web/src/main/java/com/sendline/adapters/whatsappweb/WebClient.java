package com.sendline.adapters.whatsappweb;

import com.sendline.domain.device.Device;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.session.ConnectFailure;

import java.time.Duration;
import java.util.UUID;

/**
 * The one seam to a WhatsApp Web protocol library. Everything library-specific (today Cobalt, in the {@code cobalt}
 * package) sits behind it, so swapping the library means writing one more implementation of this interface, and
 * {@link WebDriver} and {@link WebPairing} stay as they are. An implementation reads and writes the device's
 * credentials through the {@link WebCredentials} port, in its own {@link #credentialsFormat()}.
 */
public interface WebClient {
    /** Names the encoding of the credentials this client writes (stored with them); another client cannot read them. */
    String credentialsFormat();

    /**
     * Logs in with the device's stored credentials and returns once logged in. {@code listener} hears of the
     * link's end only after this returned: a failure before that is the {@link ConnectFailure}.
     *
     * @throws ConnectFailure {@code LOGGED_OUT}/{@code BANNED} when WhatsApp refuses the credentials,
     *                        {@code STREAM_ERROR_515} when it asked for a restart, {@code CONNECTION_LOST} for the
     *                        network, a timeout or a library failure
     */
    WebLink resume(Device device, WebCredentials.Stored credentials, LinkListener listener, Duration timeout)
            throws ConnectFailure;

    /**
     * Opens a connection with fresh keys to link a new companion device, and returns at once. The credentials row
     * for {@code session} must exist ({@link WebCredentials#beginPairing}). QR payloads go to the listener; once a
     * phone scanned one, the library restarts the stream by itself (the 515 that follows a scan is expected and
     * not reported) and logs in; the credentials are saved before {@link LinkListener#loggedIn} is called.
     */
    WebLink pair(Device device, UUID session, LinkListener listener);
}
