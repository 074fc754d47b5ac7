package com.sendline.adapters.whatsappweb.cobalt;

import com.sendline.adapters.whatsappweb.LinkListener;
import com.sendline.adapters.whatsappweb.WebLink;
import com.sendline.adapters.whatsappweb.cobalt.DisconnectSignals.Signal;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.session.SendFailure;
import com.sendline.domain.session.SessionEvents.Disconnect;
import it.auties.whatsapp.api.DisconnectReason;
import it.auties.whatsapp.api.ErrorHandler;
import it.auties.whatsapp.api.Listener;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.node.Node;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Cobalt connection, as a {@link WebLink}. It listens to Cobalt's events and raw nodes, tells its
 * {@link LinkListener} at most one ending, and closes the connection at the first drop it did not ask for, so
 * Cobalt's own reconnecting never keeps a session alive behind the engine's back. The one exception is the restart
 * WhatsApp asks for right after a QR code is scanned: while pairing, Cobalt reconnects and logs in by itself.
 */
final class CobaltLink implements WebLink, Listener, ErrorHandler {
    private static final System.Logger LOG = System.getLogger(CobaltLink.class.getName());
    /** Cobalt tells listeners of nodes on threads of their own; a drop waits this long for the node that caused it. */
    static final Duration SIGNAL_GRACE = Duration.ofMillis(500);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    enum Mode { RESUME, PAIRING }

    /** The connection ended before the first login. */
    static final class Dropped extends Exception {
        final Disconnect kind;

        Dropped(Disconnect kind, String detail) {
            super(detail, null, false, false);
            this.kind = kind;
        }
    }

    private final DeviceId device;
    private final Mode mode;
    private final LinkListener listener;
    private final CredentialsSerializer serializer;
    private final CompletableFuture<Void> firstLogin = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final AtomicBoolean scanned = new AtomicBoolean();
    private final Object signals = new Object();
    private Signal signal;
    private volatile Whatsapp api;

    CobaltLink(DeviceId device, Mode mode, LinkListener listener, CredentialsSerializer serializer) {
        this.device = device;
        this.mode = mode;
        this.listener = listener;
        this.serializer = serializer;
    }

    /** Connects; the returned future completes at the first login, or fails with {@link Dropped}. */
    CompletableFuture<Void> connect(Whatsapp whatsapp) {
        this.api = whatsapp;
        whatsapp.addListener(this);
        whatsapp.connect().exceptionally(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            dropped(Signal.ending(Disconnect.CONNECTION_LOST, "could not connect: " + describe(cause)));
            return null;
        });
        return firstLogin;
    }

    /** The login future without a Cobalt connection behind it, for tests that drive the callbacks by hand. */
    CompletableFuture<Void> connectedForTest() {
        return firstLogin;
    }

    // ---- WebLink

    @Override
    public String sendText(PhoneNumber to, String text, Duration timeout) throws SendFailure {
        Whatsapp a = api;
        if (closed.get() || a == null || !a.isConnected()) {
            throw new SendFailure("SESSION_CLOSED", "the WhatsApp Web connection of device " + device + " is closed",
                    true, true);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Jid jid = Jid.of(Long.parseLong(to.e164().substring(1)));
        Boolean onWhatsapp;
        try {
            // Nothing has gone out yet, so a failure here is safe to retry. Cobalt caches the answer per number.
            onWhatsapp = a.hasWhatsapp(jid).get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SendFailure("LOOKUP_TIMEOUT", "WhatsApp did not say within " + timeout.toSeconds()
                    + " s whether the number is on WhatsApp", true, true);
        } catch (ExecutionException e) {
            throw new SendFailure("LOOKUP_FAILED", "asking WhatsApp whether the number is on WhatsApp failed: "
                    + describe(e.getCause()), true, !a.isConnected());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure("INTERRUPTED", "interrupted before the message went out", true, false);
        }
        if (!Boolean.TRUE.equals(onWhatsapp)) {
            throw new SendFailure("NOT_ON_WHATSAPP", "the number is not on WhatsApp", false, false);
        }
        ChatMessageInfo info;
        try {
            // compose=false: no "typing…" presence before every scheduled message.
            info = a.sendChatMessage(jid, MessageContainer.of(text), false)
                    .get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // It may have gone out: at most once, so this is final (docs/decisions.md).
            throw new SendFailure("SEND_UNCONFIRMED", "WhatsApp did not confirm the message within "
                    + timeout.toSeconds() + " s; it may or may not have been delivered", false, true);
        } catch (ExecutionException e) {
            throw new SendFailure("SEND_FAILED", "WhatsApp Web did not take the message: " + describe(e.getCause()),
                    true, !a.isConnected());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure("SEND_UNCONFIRMED", "interrupted while the message was on its way", false, true);
        }
        // Cobalt reports an encoding or socket failure by marking the message ERROR, not by failing the future.
        if (info == null || info.status() == MessageStatus.ERROR) {
            throw new SendFailure("SEND_FAILED", "WhatsApp Web did not take the message", true, !a.isConnected());
        }
        return info.id();
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    @Override
    public boolean isOpen() {
        Whatsapp a = api;
        return !closed.get() && a != null && a.isConnected();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        firstLogin.completeExceptionally(new Dropped(Disconnect.CONNECTION_LOST, "closed"));
        Whatsapp a = api;
        if (a == null) {
            return;
        }
        try {
            a.disconnect().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "The WhatsApp Web connection of device " + device
                    + " did not close within " + CLOSE_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing the WhatsApp Web connection of device " + device + ": "
                    + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- Cobalt's Listener

    @Override
    public void onNodeReceived(Node incoming) {
        DisconnectSignals.classify(incoming).ifPresent(s -> {
            if (s.scanned()) {
                if (mode == Mode.PAIRING && scanned.compareAndSet(false, true) && !closed.get()) {
                    listener.scanned();
                }
                return;
            }
            synchronized (signals) {
                signal = s.graver(signal);
                signals.notifyAll();
            }
        });
    }

    @Override
    public void onLoggedIn() {
        Whatsapp a = api;
        if (closed.get()) {
            // Cobalt reconnected by itself after the link was closed: end that session too.
            if (a != null) {
                a.disconnect();
            }
            return;
        }
        synchronized (signals) {
            signal = null; // a fresh connection: earlier signals were about the one before
        }
        if (firstLogin.isDone()) {
            return;
        }
        if (mode == Mode.PAIRING && a != null) {
            // The link is only as good as what was saved: write it now rather than at the next ping.
            a.keys().serialize(false);
            a.store().serialize(false);
        }
        if (!firstLogin.complete(null) || mode != Mode.PAIRING) {
            return;
        }
        if (serializer.superseded()) {
            dropped(Signal.ending(Disconnect.CONNECTION_LOST, "the pairing was replaced or the device removed"));
        } else {
            listener.loggedIn(a == null ? null : selfNumber(a));
        }
    }

    @Override
    public void onDisconnected(DisconnectReason reason) {
        if (closed.get()) {
            return;
        }
        // Cobalt calls this on its socket thread and passes DISCONNECTED whatever the cause: wait off that thread
        // for the node that explains it.
        Thread.ofVirtual().name("sendline-web-drop-" + device).start(() -> dropped(awaitSignal()));
    }

    private Signal awaitSignal() {
        long deadline = System.nanoTime() + SIGNAL_GRACE.toNanos();
        synchronized (signals) {
            while (signal == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Signal.ending(Disconnect.CONNECTION_LOST, "the connection dropped");
                }
                try {
                    signals.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Signal.ending(Disconnect.CONNECTION_LOST, "the connection dropped");
                }
            }
            Signal s = signal;
            signal = null;
            return s;
        }
    }

    private void dropped(Signal s) {
        if (closed.get()) {
            return;
        }
        if (mode == Mode.PAIRING && !firstLogin.isDone()
                && (s.disconnect() == Disconnect.STREAM_ERROR_515 || scanned.get())
                && s.disconnect() != Disconnect.LOGGED_OUT && s.disconnect() != Disconnect.BANNED) {
            // WhatsApp restarts the stream after a scan; Cobalt reconnects and logs in with the new identity.
            LOG.log(System.Logger.Level.DEBUG, "Pairing device " + device + ": restart after scan (" + s.detail() + ")");
            return;
        }
        boolean beforeLogin = !firstLogin.isDone();
        firstLogin.completeExceptionally(new Dropped(s.disconnect(), s.detail()));
        close();
        if ((!beforeLogin || mode == Mode.PAIRING) && reported.compareAndSet(false, true)) {
            listener.disconnected(s.disconnect(), s.detail());
        }
    }

    // ---- Cobalt's ErrorHandler

    @Override
    public Result handleError(Whatsapp whatsapp, Location location, Throwable throwable) {
        if (location == Location.RECONNECT) {
            return Result.DISCARD;
        }
        if (location == Location.LOGIN || location == Location.INITIAL_APP_STATE_SYNC
                || location == Location.CRYPTOGRAPHY) {
            LOG.log(System.Logger.Level.WARNING, "WhatsApp Web device " + device + " failed at " + location + ": "
                    + describe(throwable));
            synchronized (signals) {
                signal = Signal.ending(Disconnect.CONNECTION_LOST, "failed at " + location + ": "
                        + describe(throwable)).graver(signal);
                signals.notifyAll();
            }
            return Result.DISCONNECT;
        }
        LOG.log(System.Logger.Level.DEBUG, "WhatsApp Web device " + device + ": ignored failure at " + location + ": "
                + describe(throwable));
        return Result.DISCARD;
    }

    private static PhoneNumber selfNumber(Whatsapp a) {
        Optional<String> digits = a.store().phoneNumber().map(n -> Long.toString(n.number()))
                .or(() -> a.store().jid().map(Jid::user));
        try {
            return digits.map(d -> new PhoneNumber("+" + d)).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
