package com.sendline.domain.device;

import com.sendline.domain.tenancy.BusinessId;

import java.util.List;
import java.util.Optional;

/** The devices of each business. Every call names the business, so one business never reaches another's devices. */
public interface Devices {
    void add(Device device);

    Optional<Device> find(BusinessId business, DeviceId device);

    List<Device> list(BusinessId business);

    /** Records where the device's live session is, for screens and for reconcile. */
    void setSessionState(BusinessId business, DeviceId device, SessionState state);

    /** Devices of every business whose recorded session state is one of {@code states} (reconcile). */
    List<Device> inStates(java.util.Set<SessionState> states, int limit);

    /** @return false when the business has no such device */
    boolean remove(BusinessId business, DeviceId device);
}
