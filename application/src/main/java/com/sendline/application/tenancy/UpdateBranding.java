package com.sendline.application.tenancy;

import com.sendline.application.cache.InvalidationBus;
import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.HostName;
import com.sendline.domain.tenancy.Reseller;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.domain.tenancy.Resellers;

/** A reseller changes its name, logo, colour or support address; every instance shows the new look at once. */
public final class UpdateBranding {
    private final Resellers resellers;
    private final InvalidationBus bus;

    public UpdateBranding(Resellers resellers, InvalidationBus bus) {
        this.resellers = resellers;
        this.bus = bus;
    }

    /** @return false when there is no such reseller */
    public boolean update(ResellerId id, Branding branding) {
        Reseller reseller = resellers.find(id).orElse(null);
        if (reseller == null || !resellers.updateBranding(id, branding)) {
            return false;
        }
        // Published after the write is committed, so an instance that reloads on this message sees the new row.
        for (HostName host : reseller.domains()) {
            bus.publish(ResolveBranding.TOPIC, host.value());
        }
        return true;
    }
}
