package com.sendline.domain.device;

/** How a device talks to WhatsApp. */
public enum Channel {
    /** A phone's WhatsApp (or WhatsApp Business app) linked by QR code, like WhatsApp Web. */
    WEB,
    /** An official number on Meta's WhatsApp Cloud API. */
    CLOUD,
    /** An offline stand-in with injectable latency and faults, for tests, demos and load tests. */
    SIMULATOR
}
