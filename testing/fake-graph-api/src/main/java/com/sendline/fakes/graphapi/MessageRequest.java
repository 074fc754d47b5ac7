package com.sendline.fakes.graphapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The body of a send, checked the way Meta checks it before taking a message. Only {@code text} and
 * {@code template} are supported: those are the types Sendline sends.
 *
 * @param waId the recipient's WhatsApp id: the digits of {@code to}
 */
record MessageRequest(String to, String waId, String type, String text, String templateName, String json) {
    static final int MAX_TEXT_LENGTH = 4_096;
    private static final ObjectMapper JSON = Json.MAPPER;
    // Compiled once: the throttle benchmark sends ~5,000 messages a second through this fake in its own JVM.
    private static final Pattern PUNCTUATION = Pattern.compile("[+\\s()\\-]");
    private static final Pattern WA_ID = Pattern.compile("[0-9]{5,20}");

    /** Thrown with Meta's answer ready to send back. */
    static final class Invalid extends Exception {
        private final transient GraphResponse response;

        Invalid(String message) {
            super(message, null, false, false);
            this.response = GraphErrors.invalidParameter(message);
        }

        GraphResponse response() {
            return response;
        }
    }

    static MessageRequest parse(byte[] body) throws Invalid {
        String json = new String(body, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new Invalid("The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("The request body must be a JSON object.");
        }
        String product = requiredText(root, "messaging_product", "messaging_product");
        if (!product.equals("whatsapp")) {
            throw new Invalid("Param messaging_product must be 'whatsapp'.");
        }
        JsonNode recipientType = root.get("recipient_type");
        if (recipientType != null && !"individual".equals(recipientType.asText())) {
            throw new Invalid("Param recipient_type must be 'individual'.");
        }
        String to = requiredText(root, "to", "to");
        String waId = PUNCTUATION.matcher(to).replaceAll("");
        if (!WA_ID.matcher(waId).matches()) {
            throw new Invalid("Param to must be a phone number.");
        }
        String type = requiredText(root, "type", "type");
        return switch (type) {
            case "text" -> text(root, to, waId, json);
            case "template" -> template(root, to, waId, json);
            default -> throw new Invalid("Param type must be one of {text, template}.");
        };
    }

    private static MessageRequest text(JsonNode root, String to, String waId, String json) throws Invalid {
        JsonNode text = object(root, "text", "text");
        String body = requiredText(text, "body", "text['body']");
        if (body.codePointCount(0, body.length()) > MAX_TEXT_LENGTH) {
            throw new Invalid("Param text['body'] must be at most " + MAX_TEXT_LENGTH + " characters long.");
        }
        JsonNode preview = text.get("preview_url");
        if (preview != null && !preview.isBoolean()) {
            throw new Invalid("Param text['preview_url'] must be a boolean.");
        }
        return new MessageRequest(to, waId, "text", body, null, json);
    }

    private static MessageRequest template(JsonNode root, String to, String waId, String json) throws Invalid {
        JsonNode template = object(root, "template", "template");
        String name = requiredText(template, "name", "template['name']");
        JsonNode language = object(template, "language", "template['language']");
        requiredText(language, "code", "template['language']['code']");
        JsonNode components = template.get("components");
        if (components != null && !components.isArray()) {
            throw new Invalid("Param template['components'] must be an array.");
        }
        return new MessageRequest(to, waId, "template", null, name, json);
    }

    private static JsonNode object(JsonNode parent, String field, String path) throws Invalid {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new Invalid("The parameter " + path + " is required.");
        }
        if (!node.isObject()) {
            throw new Invalid("Param " + path + " must be an object.");
        }
        return node;
    }

    private static String requiredText(JsonNode parent, String field, String path) throws Invalid {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            throw new Invalid("The parameter " + path + " is required.");
        }
        if (!node.isTextual()) {
            throw new Invalid("Param " + path + " must be a string.");
        }
        return node.asText();
    }
}
