package com.sendline.application.scheduling;

import com.sendline.domain.scheduling.QuotaGate;
import com.sendline.domain.tenancy.BusinessId;

/** Lets every business schedule without limit, until billing answers the quota gate. */
public final class UnlimitedQuota implements QuotaGate {
    @Override
    public void admit(BusinessId business, int messages) {
        // allow all
    }
}
