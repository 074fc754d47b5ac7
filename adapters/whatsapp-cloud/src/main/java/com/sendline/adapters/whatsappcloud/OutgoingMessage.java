package com.sendline.adapters.whatsappcloud;

import com.sendline.domain.device.PhoneNumber;

import java.util.List;
import java.util.Objects;

/**
 * One message for the Cloud API: a free-form text (only inside the 24-hour customer-service window) or an approved
 * template (any time). {@code toString} never shows what a customer is told.
 */
public sealed interface OutgoingMessage {
    PhoneNumber to();

    /**
     * Echoed back by Meta in the status webhooks of this message ({@code biz_opaque_callback_data}), so a status
     * can be matched to our message even if the wamid was never stored; null for none.
     */
    String callbackData();

    record Text(PhoneNumber to, String body, String callbackData) implements OutgoingMessage {
        public Text {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(body, "body");
            requireCallbackData(callbackData);
        }

        @Override
        public String toString() {
            return "Text[to " + to + ", " + body.codePointCount(0, body.length()) + " chars]";
        }
    }

    /** @param bodyParameters the template body's {{1}}, {{2}}… in order; may be empty */
    record Template(PhoneNumber to, String name, String languageCode, List<String> bodyParameters,
                    String callbackData) implements OutgoingMessage {
        public Template {
            Objects.requireNonNull(to, "to");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("template name is empty");
            }
            if (languageCode == null || languageCode.isBlank()) {
                throw new IllegalArgumentException("template language code is empty");
            }
            bodyParameters = List.copyOf(bodyParameters);
            requireCallbackData(callbackData);
        }

        @Override
        public String toString() {
            return "Template[to " + to + ", " + name + "/" + languageCode + ", " + bodyParameters.size()
                    + " parameters]";
        }
    }

    private static void requireCallbackData(String value) {
        if (value != null && value.length() > 512) {
            throw new IllegalArgumentException("callback data is at most 512 characters (Meta's limit)");
        }
    }
}
