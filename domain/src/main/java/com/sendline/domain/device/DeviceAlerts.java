package com.sendline.domain.device;

import com.sendline.domain.tenancy.BusinessId;

import java.util.List;

/** Alerts raised about devices, newest first. */
public interface DeviceAlerts {
    void raise(DeviceAlert alert);

    List<DeviceAlert> recent(BusinessId business, DeviceId device, int limit);
}
