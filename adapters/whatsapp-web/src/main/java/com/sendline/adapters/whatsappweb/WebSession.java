package com.sendline.adapters.whatsappweb;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.DeviceSession;
import com.sendline.domain.session.SendFailure;
import com.sendline.domain.session.SessionEvents;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One live WhatsApp Web session. A drop the session did not ask for is told to the engine once, as the reason the
 * library gave (logged out, banned, stream error 515, or the connection lost), and the link is closed so the library
 * does not reconnect behind the engine's back: reconnecting is the session pool's decision. Closing on request
 * tells no one. One send at a time (one socket).
 */
public final class WebSession implements DeviceSession {
    private static final System.Logger LOG = System.getLogger(WebSession.class.getName());

    private final DeviceId device;
    private final SessionEvents events;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Duration sendTimeout;
    private volatile WebLink link;

    WebSession(DeviceId device, SessionEvents events, Duration sendTimeout) {
        this.device = device;
        this.events = events;
        this.sendTimeout = sendTimeout;
    }

    void attach(WebLink link) {
        this.link = link;
        if (!open.get()) {
            link.close(); // it dropped between logging in and being handed over
        }
    }

    @Override
    public String send(MessageId id, PhoneNumber to, MessageBody body) throws SendFailure {
        Objects.requireNonNull(id, "message id");
        Objects.requireNonNull(to, "recipient");
        Objects.requireNonNull(body, "body");
        WebLink l = link;
        if (!open.get() || l == null || !l.isOpen()) {
            throw new SendFailure("SESSION_CLOSED", "the WhatsApp Web session of device " + device + " is closed",
                    true, true);
        }
        return l.sendText(to, body.text(), sendTimeout);
    }

    @Override
    public boolean isOpen() {
        WebLink l = link;
        return open.get() && l != null && l.isOpen();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            WebLink l = link;
            if (l != null) {
                l.close();
            }
        }
    }

    /** What the link reports to this session. */
    LinkListener listener() {
        return this::dropped;
    }

    private void dropped(SessionEvents.Disconnect reason, String detail) {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "WhatsApp Web session of device " + device + " ended: " + reason
                + (detail == null ? "" : " (" + detail + ")"));
        WebLink l = link;
        if (l != null) {
            l.close();
        }
        events.disconnected(reason);
    }

    @Override
    public String toString() {
        return "WebSession[" + device + (open.get() ? "" : ", closed") + "]";
    }
}
