package com.sendline.adapters.whatsappweb;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.session.PairingQr;
import com.sendline.domain.session.PairingStatus;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest pairing status per device, in this process's memory: a pairing runs on the instance that started it,
 * and that instance's API answers for it. With several instances behind a load balancer the status must move to a
 * shared store (the queue Redis) or the pairing requests must stick to one instance: docs/whatsapp-web.md.
 */
public final class InMemoryPairingQr implements PairingQr {
    private final ConcurrentHashMap<DeviceId, PairingStatus> latest = new ConcurrentHashMap<>();

    @Override
    public void publish(DeviceId device, PairingStatus status) {
        latest.put(device, status);
    }

    @Override
    public Optional<PairingStatus> latest(DeviceId device) {
        return Optional.ofNullable(latest.get(device));
    }

    @Override
    public void forget(DeviceId device) {
        latest.remove(device);
    }
}
