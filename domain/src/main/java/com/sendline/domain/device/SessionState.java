package com.sendline.domain.device;

/**
 * Where a device's live session is. Almost every device is COLD almost all the time: a live session costs real
 * memory, so one is woken (CONNECTING, then HOT) only when a send is due, and parked (BACKOFF) when connecting fails.
 */
public enum SessionState {
    COLD,
    CONNECTING,
    HOT,
    BACKOFF
}
