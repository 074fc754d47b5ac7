package com.sendline.domain.session;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;

/**
 * Talks to WhatsApp for one channel: opens a live session for a device. What a session costs (memory, sockets) is
 * why the hot set exists: the engine opens one only when it must.
 */
public interface DeviceDriver {
    Channel channel();

    /**
     * Whether a session holds a live connection (WhatsApp Web: memory, a socket) and so counts against the hot set.
     * A stateless channel (the Cloud API over HTTPS) does not: every worker may open one, no slot is taken, and no
     * sticky budget applies.
     */
    default boolean holdsLiveSession() {
        return true;
    }

    /**
     * @param events told when the session ends on its own (the network, WhatsApp)
     * @throws ConnectFailure when no session could be opened
     */
    DeviceSession connect(Device device, SessionEvents events) throws ConnectFailure;
}
