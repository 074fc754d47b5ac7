package com.sendline.adapters.whatsappweb;

import com.sendline.domain.session.QrImages;

/** {@link QrImages} through {@link QrPng} (ZXing), at the default size. */
public final class ZxingQrImages implements QrImages {
    @Override
    public byte[] png(String payload) {
        return QrPng.render(payload);
    }
}
