package com.sendline.domain.session;

/** Turns a pairing QR payload into a picture a phone can scan. */
public interface QrImages {
    /** @return a PNG image of the QR code */
    byte[] png(String payload);
}
