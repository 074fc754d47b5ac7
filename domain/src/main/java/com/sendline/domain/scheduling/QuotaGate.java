package com.sendline.domain.scheduling;

import com.sendline.domain.tenancy.BusinessId;

/**
 * Asked before a business schedules more messages; billing answers (a free tier allows 3 in total).
 * Throws {@link QuotaExceeded} to refuse.
 */
public interface QuotaGate {
    void admit(BusinessId business, int messages);

    final class QuotaExceeded extends RuntimeException {
        private final String code;

        public QuotaExceeded(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
