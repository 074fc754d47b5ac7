package com.sendline.domain.inbound;

import java.util.List;

/** Reads a channel's webhook body into the events it carries. */
public interface WebhookPayloads {
    /**
     * @return every status and message in the body, each with the provider's id of the business number it concerns;
     *         empty for a body that carries nothing we act on (a template status update, say)
     * @throws IllegalArgumentException when the body is not the channel's webhook format
     */
    List<Item> read(byte[] body);

    /** @param accountNumberId the provider's id of the business number ({@code metadata.phone_number_id}) */
    record Item(String accountNumberId, InboundPayload payload) {
    }
}
