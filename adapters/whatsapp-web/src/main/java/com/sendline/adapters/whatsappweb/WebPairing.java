package com.sendline.adapters.whatsappweb;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.session.DevicePairing;
import com.sendline.domain.session.PairingEvents;
import com.sendline.domain.session.SessionEvents;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pairs WhatsApp Web devices by QR code, one pairing per device on this process. Each pairing starts a new
 * credentials session (so the keys of an earlier pairing stop counting), shows QR codes until one is scanned or
 * {@link WebSettings#pairingTimeout()} passes, then waits up to {@link WebSettings#loginAfterScan()} for the first
 * login, and closes its connection: sending is the session pool's job, through {@link WebDriver}.
 */
public final class WebPairing implements DevicePairing, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebPairing.class.getName());

    private final WebClient client;
    private final WebCredentials credentials;
    private final WebSettings settings;
    private final ConcurrentHashMap<DeviceId, Run> runs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sendline-web-pairing-timer").daemon().factory());

    public WebPairing(WebClient client, WebCredentials credentials, WebSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void start(Device device, PairingEvents events) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(events, "events");
        if (device.channel() != Channel.WEB) {
            throw new IllegalArgumentException("only WhatsApp Web devices pair by QR code; device " + device.id()
                    + " is " + device.channel());
        }
        cancel(device.id());
        UUID session = UUID.randomUUID();
        credentials.beginPairing(device.businessId(), device.id(), session, client.credentialsFormat());
        Run run = new Run(device.id(), events);
        runs.put(device.id(), run);
        run.expireAfter(settings.pairingTimeout(), "nobody scanned a QR code within "
                + settings.pairingTimeout().toSeconds() + " s");
        try {
            run.link = client.pair(device, session, run);
        } catch (RuntimeException e) {
            run.end(PairingEvents.Outcome.FAILED, "could not open a connection: " + e.getClass().getSimpleName());
            return;
        }
        if (run.done.get()) {
            run.link.close(); // it ended while the connection was being opened
        }
        LOG.log(System.Logger.Level.INFO, "Pairing device " + device.id());
    }

    @Override
    public void cancel(DeviceId device) {
        Run run = runs.get(device);
        if (run != null && run.finish()) {
            run.closeLink();
        }
    }

    /** Whether a pairing runs on this process for the device. */
    public boolean isPairing(DeviceId device) {
        return runs.containsKey(device);
    }

    /** Cancels every pairing. */
    @Override
    public void close() {
        runs.keySet().forEach(this::cancel);
        timer.shutdownNow();
    }

    private final class Run implements LinkListener {
        final DeviceId device;
        final PairingEvents events;
        final AtomicBoolean done = new AtomicBoolean();
        volatile WebLink link;
        private ScheduledFuture<?> deadline;

        Run(DeviceId device, PairingEvents events) {
            this.device = device;
            this.events = events;
        }

        synchronized void expireAfter(Duration delay, String why) {
            if (deadline != null) {
                deadline.cancel(false);
            }
            deadline = timer.schedule(() -> end(PairingEvents.Outcome.EXPIRED, why), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        /** @return true for the one caller that ends this run */
        boolean finish() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            runs.remove(device, this);
            synchronized (this) {
                if (deadline != null) {
                    deadline.cancel(false);
                }
            }
            return true;
        }

        void end(PairingEvents.Outcome outcome, String detail) {
            if (finish()) {
                closeLink();
                LOG.log(System.Logger.Level.INFO, "Pairing device " + device + " ended " + outcome + ": " + detail);
                events.ended(outcome, detail);
            }
        }

        void closeLink() {
            WebLink l = link;
            if (l != null) {
                l.close();
            }
        }

        @Override
        public void qrCode(String payload) {
            if (!done.get()) {
                events.qrCode(payload);
            }
        }

        @Override
        public void scanned() {
            if (!done.get()) {
                expireAfter(settings.loginAfterScan(), "the code was scanned but logging in took more than "
                        + settings.loginAfterScan().toSeconds() + " s");
            }
        }

        @Override
        public void loggedIn(PhoneNumber self) {
            if (finish()) {
                closeLink();
                LOG.log(System.Logger.Level.INFO, "Device " + device + " is linked");
                events.linked(self);
            }
        }

        @Override
        public void disconnected(SessionEvents.Disconnect reason, String detail) {
            end(PairingEvents.Outcome.FAILED, switch (reason) {
                case LOGGED_OUT -> "WhatsApp refused the new device";
                case BANNED -> "WhatsApp refused the number (banned)";
                case STREAM_ERROR_515 -> "WhatsApp asked for a restart before the code was scanned";
                case CONNECTION_LOST -> "the connection to WhatsApp was lost";
            } + (detail == null ? "" : " (" + detail + ")"));
        }
    }
}
