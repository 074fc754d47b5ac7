package com.sendline.adapters.whatsappweb;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.DeviceDriver;
import com.sendline.domain.session.SessionEvents;

import java.util.Objects;
import java.util.Optional;

/**
 * Devices linked as WhatsApp Web companions. Connecting resumes the credentials stored at pairing (nothing on disk)
 * and holds a live socket, so a session counts against the hot set. A device that was never paired, or whose phone
 * unlinked it, fails to connect with {@code LOGGED_OUT} without touching the network. Constructing the driver
 * connects nothing.
 */
public final class WebDriver implements DeviceDriver {
    private final WebCredentials credentials;
    private final WebClient client;
    private final WebSettings settings;

    public WebDriver(WebCredentials credentials, WebClient client, WebSettings settings) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Channel channel() {
        return Channel.WEB;
    }

    /**
     * @throws ConnectFailure {@code LOGGED_OUT} when the device has no linked credentials (never paired, logged out,
     *                        or written by another client library); otherwise as {@link WebClient#resume}
     * @throws IllegalArgumentException for a device on another channel: a wiring bug, not a network fault
     */
    @Override
    public WebSession connect(Device device, SessionEvents events) throws ConnectFailure {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(events, "events");
        if (device.channel() != Channel.WEB) {
            throw new IllegalArgumentException("the WhatsApp Web driver drives only WEB devices; device "
                    + device.id() + " is " + device.channel());
        }
        Optional<WebCredentials.Stored> stored;
        try {
            stored = credentials.find(device.businessId(), device.id());
        } catch (RuntimeException e) {
            throw new ConnectFailure(SessionEvents.Disconnect.CONNECTION_LOST,
                    "could not read the WhatsApp Web credentials of device " + device.id() + ": "
                            + e.getClass().getSimpleName());
        }
        WebCredentials.Stored linked = stored
                .filter(s -> s.link() == WebCredentials.Link.LINKED)
                .orElseThrow(() -> new ConnectFailure(SessionEvents.Disconnect.LOGGED_OUT, "device " + device.id()
                        + (stored.isEmpty() ? " was never paired" : stored.get().link() == WebCredentials.Link.PAIRING
                        ? " has not been scanned yet" : " was logged out") + ": it needs a QR pairing"));
        if (!linked.format().equals(client.credentialsFormat())) {
            throw new ConnectFailure(SessionEvents.Disconnect.LOGGED_OUT, "device " + device.id()
                    + " was paired by another client library (" + linked.format() + "): it needs a new QR pairing");
        }
        WebSession session = new WebSession(device.id(), events, settings.sendTimeout());
        session.attach(client.resume(device, linked, session.listener(), settings.connectTimeout()));
        return session;
    }

    @Override
    public String toString() {
        return "WebDriver[" + client.credentialsFormat() + "]";
    }
}
