package com.sendline.adapters.whatsappweb.cobalt;

import com.sendline.adapters.whatsappweb.LinkListener;
import com.sendline.adapters.whatsappweb.WebClient;
import com.sendline.adapters.whatsappweb.WebLink;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.SessionEvents.Disconnect;
import it.auties.whatsapp.api.QrHandler;
import it.auties.whatsapp.api.WebHistorySetting;
import it.auties.whatsapp.api.WebOptionsBuilder;
import it.auties.whatsapp.api.Whatsapp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * WhatsApp Web through Cobalt ({@code com.github.auties00:cobalt}), the only Java implementation of the multi-device
 * protocol. Sessions keep no history (Sendline sends; it does not mirror chats), send no read receipts and no
 * "online" presence (a companion that shows itself online stops the phone's notifications).
 */
public final class CobaltClient implements WebClient {
    private final WebCredentials credentials;

    public CobaltClient(WebCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public String credentialsFormat() {
        return CredentialsSerializer.FORMAT;
    }

    @Override
    public WebLink resume(Device device, WebCredentials.Stored stored, LinkListener listener, Duration timeout)
            throws ConnectFailure {
        CredentialsSerializer serializer = new CredentialsSerializer(credentials, device.businessId(), device.id(),
                stored.session(), stored);
        CobaltLink link = new CobaltLink(device.id(), CobaltLink.Mode.RESUME, listener, serializer);
        Optional<Whatsapp> api;
        try {
            api = Whatsapp.webBuilder().serializer(serializer).newOptionalConnection(stored.session())
                    .map(options -> quiet(options).errorHandler(link))
                    .flatMap(WebOptionsBuilder::registered);
        } catch (RuntimeException e) {
            throw new ConnectFailure(Disconnect.LOGGED_OUT, "the stored WhatsApp Web credentials of device "
                    + device.id() + " cannot be read (" + e.getClass().getSimpleName() + "): it needs a new pairing");
        }
        if (api.isEmpty()) {
            throw new ConnectFailure(Disconnect.LOGGED_OUT, "the stored WhatsApp Web credentials of device "
                    + device.id() + " are incomplete: it needs a new pairing");
        }
        try {
            link.connect(api.get()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return link;
        } catch (TimeoutException e) {
            link.close();
            throw new ConnectFailure(Disconnect.CONNECTION_LOST, "device " + device.id() + " did not log in to "
                    + "WhatsApp Web within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            link.close();
            if (e.getCause() instanceof CobaltLink.Dropped d) {
                throw new ConnectFailure(d.kind, "device " + device.id() + " could not log in: " + d.getMessage());
            }
            throw new ConnectFailure(Disconnect.CONNECTION_LOST, "device " + device.id() + " could not log in: "
                    + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.close();
            throw new ConnectFailure(Disconnect.CONNECTION_LOST, "interrupted while device " + device.id()
                    + " was logging in");
        }
    }

    @Override
    public WebLink pair(Device device, UUID session, LinkListener listener) {
        CredentialsSerializer serializer = new CredentialsSerializer(credentials, device.businessId(), device.id(),
                session, null);
        CobaltLink link = new CobaltLink(device.id(), CobaltLink.Mode.PAIRING, listener, serializer);
        Whatsapp api = quiet(Whatsapp.webBuilder().serializer(serializer).newConnection(session))
                .errorHandler(link)
                .unregistered(QrHandler.toPlainString(listener::qrCode));
        link.connect(api);
        return link;
    }

    private static WebOptionsBuilder quiet(WebOptionsBuilder options) {
        return options.historySetting(WebHistorySetting.discard(false))
                .automaticMessageReceipts(false)
                .automaticPresenceUpdates(false);
    }

    @Override
    public String toString() {
        return "CobaltClient[" + credentialsFormat() + "]";
    }
}
