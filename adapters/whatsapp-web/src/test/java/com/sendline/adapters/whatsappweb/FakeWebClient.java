package com.sendline.adapters.whatsappweb;

import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.SendFailure;
import com.sendline.domain.session.SessionEvents;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted WebClient: links that record what was sent and can be made to drop or report as a library would. */
public final class FakeWebClient implements WebClient {
    public static final String FORMAT = "fake-1";
    public final List<FakeLink> links = new CopyOnWriteArrayList<>();
    public final AtomicInteger resumes = new AtomicInteger();
    public volatile ConnectFailure nextResumeFailure;

    @Override
    public String credentialsFormat() {
        return FORMAT;
    }

    @Override
    public WebLink resume(Device device, WebCredentials.Stored credentials, LinkListener listener, Duration timeout)
            throws ConnectFailure {
        resumes.incrementAndGet();
        ConnectFailure f = nextResumeFailure;
        if (f != null) {
            nextResumeFailure = null;
            throw f;
        }
        FakeLink link = new FakeLink(device, credentials.session(), listener);
        links.add(link);
        return link;
    }

    @Override
    public WebLink pair(Device device, UUID session, LinkListener listener) {
        FakeLink link = new FakeLink(device, session, listener);
        links.add(link);
        return link;
    }

    public FakeLink last() {
        return links.getLast();
    }

    public static final class FakeLink implements WebLink {
        public final Device device;
        public final UUID session;
        public final LinkListener listener;
        public final AtomicBoolean closed = new AtomicBoolean();
        public final List<String> sent = new CopyOnWriteArrayList<>();
        public volatile SendFailure nextSendFailure;

        FakeLink(Device device, UUID session, LinkListener listener) {
            this.device = device;
            this.session = session;
            this.listener = listener;
        }

        @Override
        public String sendText(PhoneNumber to, String text, Duration timeout) throws SendFailure {
            SendFailure f = nextSendFailure;
            if (f != null) {
                throw f;
            }
            sent.add(to + ":" + text);
            return "3EB0FAKE" + sent.size();
        }

        @Override
        public boolean isOpen() {
            return !closed.get();
        }

        @Override
        public void close() {
            closed.set(true);
        }

        /** The library saw the connection end, as it would report it (from its own thread). */
        public void drop(SessionEvents.Disconnect reason) {
            listener.disconnected(reason, "test drop");
        }
    }
}
