package com.sendline.domain.device;

import com.sendline.domain.tenancy.BusinessId;

import java.util.List;
import java.util.Optional;

/** The devices of each business. Every call names the business, so one business never reaches another's devices. */
public interface Devices {
    void add(Device device);

    Optional<Device> find(BusinessId business, DeviceId device);

    List<Device> list(BusinessId business);

    /**
     * A device by its id alone, for system paths that learn the device before the tenant (a webhook naming a
     * Cloud number). Never for a request made on behalf of a business.
     */
    Optional<Device> findForSystem(DeviceId device);

    /** Records the number a WhatsApp Web device turned out to have when its QR code was scanned. */
    void setPhoneNumber(BusinessId business, DeviceId device, PhoneNumber number);

    /** Records where the device's live session is, for screens and for reconcile. */
    void setSessionState(BusinessId business, DeviceId device, SessionState state);

    /** Devices of every business whose recorded session state is one of {@code states} (reconcile). */
    List<Device> inStates(java.util.Set<SessionState> states, int limit);

    /** @return false when the business has no such device */
    boolean remove(BusinessId business, DeviceId device);
}
