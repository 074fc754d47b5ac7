package com.sendline.adapters.whatsappcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.inbound.DeliveryReceipt;
import com.sendline.domain.inbound.IncomingMessage;
import com.sendline.domain.inbound.WebhookPayloads;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Meta's webhook body ({@code object: whatsapp_business_account}, {@code entry[].changes[].value}) read into
 * receipts and customers' messages. A body that is not of that shape is refused whole; inside a good body, an item
 * we do not act on (a "deleted" status, a malformed sender number) is skipped with a log line rather than failing
 * its neighbours — Meta would otherwise redeliver them for days.
 */
public final class CloudWebhookPayloads implements WebhookPayloads {
    private static final Logger LOG = LoggerFactory.getLogger(CloudWebhookPayloads.class);
    private static final ObjectMapper JSON = Json.MAPPER;
    /** Compiled once: every event's timestamp passes here. */
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");

    @Override
    public List<Item> read(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !"whatsapp_business_account".equals(root.path("object").asText())) {
            throw new IllegalArgumentException("not a WhatsApp Business Account webhook (object must be"
                    + " \"whatsapp_business_account\")");
        }
        JsonNode entries = root.path("entry");
        if (!entries.isArray()) {
            throw new IllegalArgumentException("entry must be an array");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode entry : entries) {
            for (JsonNode change : entry.path("changes")) {
                if (!"messages".equals(change.path("field").asText())) {
                    continue;
                }
                JsonNode value = change.path("value");
                String numberId = value.path("metadata").path("phone_number_id").asText("");
                if (numberId.isEmpty()) {
                    throw new IllegalArgumentException("a messages change without metadata.phone_number_id");
                }
                readStatuses(numberId, value.path("statuses"), items);
                readMessages(numberId, value, items);
            }
        }
        return items;
    }

    private static void readStatuses(String numberId, JsonNode statuses, List<Item> items) {
        for (JsonNode s : statuses) {
            MessageStatus status = switch (s.path("status").asText()) {
                case "sent" -> MessageStatus.SENT;
                case "delivered" -> MessageStatus.DELIVERED;
                case "read" -> MessageStatus.READ;
                case "failed" -> MessageStatus.FAILED;
                default -> null;
            };
            if (status == null) {
                LOG.debug("Status {} of a message from number {} is not one we track", s.path("status").asText(),
                        numberId);
                continue;
            }
            try {
                items.add(new Item(numberId, new DeliveryReceipt(s.path("id").asText(null),
                        callbackId(s.path("biz_opaque_callback_data").asText(null)), status,
                        instant(s.path("timestamp")), status == MessageStatus.FAILED ? error(s.path("errors")) : null)));
            } catch (IllegalArgumentException e) {
                LOG.warn("A status of number {} was skipped: {}", numberId, e.getMessage());
            }
        }
    }

    private static void readMessages(String numberId, JsonNode value, List<Item> items) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : value.path("contacts")) {
            String name = contact.path("profile").path("name").asText(null);
            if (name != null) {
                names.put(contact.path("wa_id").asText(), name);
            }
        }
        for (JsonNode m : value.path("messages")) {
            String from = m.path("from").asText("");
            try {
                String type = m.path("type").asText("unknown");
                String text = "text".equals(type) ? m.path("text").path("body").asText(null) : null;
                items.add(new Item(numberId, new IncomingMessage(m.path("id").asText(null),
                        new PhoneNumber("+" + from), instant(m.path("timestamp")), type, text, names.get(from))));
            } catch (IllegalArgumentException e) {
                LOG.warn("A message to number {} was skipped: {}", numberId, e.getMessage());
            }
        }
    }

    /** Meta's timestamps are Unix seconds, as a string. */
    private static Instant instant(JsonNode timestamp) {
        String text = timestamp.asText("");
        if (!UNIX_SECONDS.matcher(text).matches()) {
            throw new IllegalArgumentException("timestamp must be Unix seconds: " + text);
        }
        return Instant.ofEpochSecond(Long.parseLong(text));
    }

    /** Our message id, when the callback data is one (we always send it; other tools sending from the number do not). */
    private static Optional<MessageId> callbackId(String data) {
        if (data == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MessageId(UUID.fromString(data)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String error(JsonNode errors) {
        JsonNode first = errors.path(0);
        if (first.isMissingNode()) {
            return null;
        }
        String title = first.path("title").asText(first.path("message").asText("failed"));
        return "GRAPH_" + first.path("code").asInt() + ": " + title;
    }
}
