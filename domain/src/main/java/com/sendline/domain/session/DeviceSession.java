package com.sendline.domain.session;

import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;

/** A live session of one device. */
public interface DeviceSession extends AutoCloseable {
    /**
     * Hands one message to WhatsApp.
     *
     * @param id our message id, which a driver may pass on so the receiving side can spot a repeat
     * @return WhatsApp's id for the message
     * @throws SendFailure when WhatsApp did not take it
     */
    String send(MessageId id, PhoneNumber to, MessageBody body) throws SendFailure;

    boolean isOpen();

    /**
     * How many sends this session takes at once. A WhatsApp Web session is one socket: one at a time. The Cloud API
     * is stateless HTTP, where the number's rate limit, not the session, is the bound.
     */
    default int maxConcurrentSends() {
        return 1;
    }

    /** Disconnects; safe to call twice. */
    @Override
    void close();
}
