package com.sendline.application.inbound;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.inbound.CustomerServiceWindow;
import com.sendline.domain.inbound.CustomerServiceWindows;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.DeviceDriver;
import com.sendline.domain.session.DeviceSession;
import com.sendline.domain.session.SendFailure;
import com.sendline.domain.session.SessionEvents;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WhatsApp's rule for official numbers, applied before Meta applies it: a free-form message goes out only while
 * the customer-service window with that customer is open. Outside it the send fails with
 * {@value CustomerServiceWindow#CLOSED_CODE} and is not retried (only a new message from the customer, or a template,
 * can reach them). Templates do not pass through here.
 *
 * <p>An open window is remembered until it closes — windows only ever get longer — so a busy number asks the
 * database once per customer, not once per message. A closed or unknown one is asked again every time, since the
 * customer may have written a moment ago.
 */
public final class CustomerServiceWindowGuard implements DeviceDriver {
    private static final int MAX_REMEMBERED = 200_000;

    private final DeviceDriver driver;
    private final CustomerServiceWindows windows;
    private final Clock clock;
    private final ConcurrentHashMap<Key, Instant> openUntil = new ConcurrentHashMap<>();

    private record Key(DeviceId device, PhoneNumber contact) {
    }

    public CustomerServiceWindowGuard(DeviceDriver driver, CustomerServiceWindows windows, Clock clock) {
        if (driver.channel() != Channel.CLOUD) {
            throw new IllegalArgumentException("the customer-service window applies to Cloud API numbers only");
        }
        this.driver = driver;
        this.windows = windows;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return driver.channel();
    }

    @Override
    public boolean holdsLiveSession() {
        return driver.holdsLiveSession();
    }

    @Override
    public DeviceSession connect(Device device, SessionEvents events) throws ConnectFailure {
        return new Guarded(device.id(), driver.connect(device, events));
    }

    /** The wrapped driver, for code that needs the channel's own operations (templates). */
    public DeviceDriver unwrap() {
        return driver;
    }

    private void requireOpen(DeviceId device, PhoneNumber to) throws SendFailure {
        Key key = new Key(device, to);
        Instant now = clock.instant();
        Instant until = openUntil.get(key);
        if (until != null && now.isBefore(until)) {
            return;
        }
        CustomerServiceWindow window = windows.find(device, to).orElse(null);
        if (window == null || !window.isOpenAt(now)) {
            openUntil.remove(key);
            throw new SendFailure(CustomerServiceWindow.CLOSED_CODE, window == null
                    ? "the customer never wrote to this number: only a template can start the conversation"
                    : "the customer last wrote more than 24 hours ago (window closed at " + window.closesAt()
                    + "): only a template can reach them now", false, false);
        }
        if (openUntil.size() >= MAX_REMEMBERED) {
            openUntil.clear();
        }
        openUntil.put(key, window.closesAt());
    }

    private final class Guarded implements DeviceSession {
        private final DeviceId device;
        private final DeviceSession session;

        Guarded(DeviceId device, DeviceSession session) {
            this.device = device;
            this.session = Objects.requireNonNull(session, "session");
        }

        @Override
        public String send(MessageId id, PhoneNumber to, MessageBody body) throws SendFailure {
            requireOpen(device, to);
            return session.send(id, to, body);
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        @Override
        public int maxConcurrentSends() {
            return session.maxConcurrentSends();
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
