package com.sendline.adapters.whatsappcloud;

import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.DeviceSession;
import com.sendline.domain.session.SendFailure;

import java.util.List;
import java.util.Objects;

/** One Cloud API number's credentials in hand. Thread-safe: sends may run in parallel, the throttle paces them. */
public final class CloudApiSession implements DeviceSession {
    private final CloudNumber number;
    private final CloudSender sender;
    private volatile boolean open = true;

    CloudApiSession(CloudNumber number, CloudSender sender) {
        this.number = number;
        this.sender = sender;
    }

    /** Sends a free-form text; our message id rides along as Meta's callback data, back to us in status webhooks. */
    @Override
    public String send(MessageId id, PhoneNumber to, MessageBody body) throws SendFailure {
        Objects.requireNonNull(id, "message id");
        Objects.requireNonNull(body, "body");
        return sendMessage(new OutgoingMessage.Text(to, body.text(), id.toString())).wamid();
    }

    /** Sends an approved template: the only kind Meta delivers outside the 24-hour customer-service window. */
    public String sendTemplate(MessageId id, PhoneNumber to, String name, String languageCode,
                               List<String> bodyParameters) throws SendFailure {
        Objects.requireNonNull(id, "message id");
        return sendMessage(new OutgoingMessage.Template(to, name, languageCode, bodyParameters, id.toString()))
                .wamid();
    }

    /** Any message, with how long it waited for the throttle and how many tries it took. */
    public CloudSendReceipt sendMessage(OutgoingMessage message) throws SendFailure {
        if (!open) {
            throw new SendFailure("SESSION_CLOSED", "the session of number " + number.phoneNumberId()
                    + " was closed", true, true);
        }
        return sender.send(number, message);
    }

    public String phoneNumberId() {
        return number.phoneNumberId();
    }

    /** Sends of this number under way at once on this worker: as many as Meta's call time calls for. */
    @Override
    public int maxConcurrentSends() {
        return sender.concurrentSends();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public String toString() {
        return "CloudApiSession[" + number + (open ? "" : ", closed") + "]";
    }
}
