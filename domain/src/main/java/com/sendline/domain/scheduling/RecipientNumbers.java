package com.sendline.domain.scheduling;

import com.sendline.domain.device.PhoneNumber;

/**
 * Turns what a user typed as a recipient into a WhatsApp-able number: a real, possible mobile or fixed number for
 * its country, in E.164. The rules (numbering plans of 240 regions) live in an adapter; the domain only asks.
 */
public interface RecipientNumbers {
    /**
     * @param typed e.g. {@code +49 151 2345-6789} or {@code 015123456789} with a default region
     * @param defaultRegion ISO 3166 region for numbers typed without a country code, or null
     * @throws InvalidRecipient with a message a user can act on
     */
    PhoneNumber parse(String typed, String defaultRegion);

    final class InvalidRecipient extends IllegalArgumentException {
        public InvalidRecipient(String message) {
            super(message);
        }
    }
}
