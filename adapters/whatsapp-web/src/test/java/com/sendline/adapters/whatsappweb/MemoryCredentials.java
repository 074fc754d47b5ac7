package com.sendline.adapters.whatsappweb;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.tenancy.BusinessId;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The WebCredentials port in memory, with the same rules as the Postgres one (writes bound to the current session). */
public final class MemoryCredentials implements WebCredentials {
    private final ConcurrentHashMap<DeviceId, Stored> rows = new ConcurrentHashMap<>();
    public final AtomicInteger writes = new AtomicInteger();

    @Override
    public void beginPairing(BusinessId business, DeviceId device, UUID session, String format) {
        rows.put(device, new Stored(device, business, session, format, Link.PAIRING, null, null));
    }

    /** A device that was paired and linked earlier. */
    public void linked(BusinessId business, DeviceId device, UUID session, String format) {
        rows.put(device, new Stored(device, business, session, format, Link.LINKED, new byte[]{1}, new byte[]{2}));
    }

    @Override
    public Optional<Stored> find(BusinessId business, DeviceId device) {
        return Optional.ofNullable(rows.get(device)).filter(s -> s.business().equals(business));
    }

    @Override
    public synchronized boolean saveKeys(BusinessId business, DeviceId device, UUID session, byte[] keys,
                                         boolean linked) {
        Stored s = current(business, device, session);
        if (s == null) {
            return false;
        }
        writes.incrementAndGet();
        rows.put(device, new Stored(device, business, session, s.format(), linked ? Link.LINKED : s.link(), keys,
                s.store()));
        return true;
    }

    @Override
    public synchronized boolean saveStore(BusinessId business, DeviceId device, UUID session, byte[] store) {
        Stored s = current(business, device, session);
        if (s == null) {
            return false;
        }
        writes.incrementAndGet();
        rows.put(device, new Stored(device, business, session, s.format(), s.link(), s.keys(), store));
        return true;
    }

    @Override
    public synchronized boolean loggedOut(BusinessId business, DeviceId device, UUID session) {
        Stored s = current(business, device, session);
        if (s == null) {
            return false;
        }
        rows.put(device, new Stored(device, business, session, s.format(), Link.LOGGED_OUT, null, null));
        return true;
    }

    public void remove(DeviceId device) {
        rows.remove(device);
    }

    private Stored current(BusinessId business, DeviceId device, UUID session) {
        Stored s = rows.get(device);
        return s != null && s.business().equals(business) && s.session().equals(session)
                && s.link() != Link.LOGGED_OUT ? s : null;
    }
}
