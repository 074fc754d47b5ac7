package com.sendline.adapters.http.devices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /api/v1/devices}. {@code channel} decides which other fields apply:
 * <ul>
 *   <li>{@code simulator}: {@code phoneNumber}, optional {@code label};</li>
 *   <li>{@code web}: optional {@code label} — pairing starts at once; scan the QR code from {@code /qr} or the
 *       device's events;</li>
 *   <li>{@code cloud}: {@code phoneNumber} (the display number), {@code phoneNumberId}, {@code accessToken},
 *       {@code appSecret}, {@code verifyToken} from Meta's app dashboard, optional {@code label}. The secrets are
 *       never shown again.</li>
 * </ul>
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record NewDevice(@Nullable String channel, @Nullable String label, @Nullable String phoneNumber,
                        @Nullable String phoneNumberId, @Nullable String accessToken, @Nullable String appSecret,
                        @Nullable String verifyToken) {
    @Override
    public String toString() {
        return "NewDevice[" + channel + ", " + phoneNumber + ", secrets hidden]";
    }
}
