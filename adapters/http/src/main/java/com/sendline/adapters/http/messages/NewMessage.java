package com.sendline.adapters.http.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /api/v1/messages}: send {@code body} to {@code to} from {@code deviceId} at {@code sendAt} (an ISO-8601
 * instant with an offset; absent or past means now). Unknown fields are refused, so a typo is not silently ignored.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record NewMessage(@Nullable String deviceId, @Nullable String to, @Nullable String body,
                         @Nullable String sendAt) {
}
