package com.sendline.adapters.http.messages;

import com.sendline.domain.scheduling.ScheduledMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Locale;

/** A message as the partner API shows it; {@code status} is one of the lower-case status names. */
@Serdeable
public record MessageView(String id, String deviceId, String to, String body, Instant sendAt, String status,
                          int attempts, @Nullable String error, @Nullable Instant createdAt) {
    static MessageView of(ScheduledMessage m) {
        return new MessageView(m.id().toString(), m.deviceId().toString(), m.recipient().e164(), m.body().text(),
                m.dueAt(), m.status().name().toLowerCase(Locale.ROOT), m.attempts(), m.lastError(),
                m.id().value().version() == 7 ? m.id().createdAt() : null);
    }
}
