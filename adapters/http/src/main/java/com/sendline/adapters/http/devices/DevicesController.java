package com.sendline.adapters.http.devices;

import com.sendline.adapters.http.api.ProblemResponses;
import com.sendline.adapters.http.apiaccess.ApiTenant;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.application.devices.RemoveDevice;
import com.sendline.application.scheduling.UnknownDevice;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.session.PairingQr;
import com.sendline.domain.session.PairingStatus;
import com.sendline.domain.session.QrImages;
import com.sendline.domain.tenancy.BusinessId;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Delete;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Locale;

/**
 * The calling business's devices (reading needs {@code devices:read}, deleting {@code devices:write}). Another
 * business's device is 404, like a missing one.
 */
@ProblemResponses
@Secured("devices:read")
@Controller("/api/v1/devices")
public final class DevicesController {
    private final Devices devices;
    private final ApiTenant tenant;
    private final RemoveDevice remove;
    private final PairingQr pairing;
    private final QrImages images;

    public DevicesController(Devices devices, ApiTenant tenant, RemoveDevice remove, PairingQr pairing,
                             QrImages images) {
        this.devices = devices;
        this.tenant = tenant;
        this.remove = remove;
        this.pairing = pairing;
        this.images = images;
    }

    @Serdeable
    public record DeviceBody(String id, String channel, String state, @Nullable String phoneNumber, String label) {
        static DeviceBody of(Device d) {
            return new DeviceBody(d.id().toString(), d.channel().name().toLowerCase(Locale.ROOT),
                    d.sessionState().name().toLowerCase(Locale.ROOT),
                    d.phoneNumber() == null ? null : d.phoneNumber().e164(), d.label());
        }
    }

    @Serdeable
    public record DeviceList(List<DeviceBody> data) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public DeviceList list(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business) {
        BusinessId id = tenant.business(caller, business);
        return new DeviceList(devices.list(id).stream().map(DeviceBody::of).toList());
    }

    @Get(value = "/{deviceId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public DeviceBody get(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                          @PathVariable String deviceId) {
        BusinessId id = tenant.business(caller, business);
        return devices.find(id, parse(deviceId)).map(DeviceBody::of).orElseThrow(() -> notFound(deviceId));
    }

    /** Deletes the device, its session and its credentials (scope {@code devices:write}). */
    @Delete("/{deviceId}")
    @Secured("devices:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Void> delete(Authentication caller,
                                     @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                     @PathVariable String deviceId) {
        BusinessId id = tenant.business(caller, business);
        try {
            remove.remove(id, parse(deviceId));
        } catch (UnknownDevice e) {
            throw notFound(deviceId);
        }
        return HttpResponse.noContent();
    }

    /**
     * The QR code to scan while a WhatsApp Web device is pairing, as a PNG; 404 {@code NOT_PAIRING} when no code
     * is showing (never paired, linked already, expired). The code changes as WhatsApp rotates it: poll, or
     * follow the device's events.
     */
    @Get(value = "/{deviceId}/qr", produces = "image/png")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> qr(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                   @PathVariable String deviceId) {
        BusinessId id = tenant.business(caller, business);
        Device device = devices.find(id, parse(deviceId)).orElseThrow(() -> notFound(deviceId));
        PairingStatus status = pairing.latest(device.id()).filter(s -> s.stage() == PairingStatus.Stage.SHOW_QR)
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "NOT_PAIRING", "Not pairing",
                        "Device " + deviceId + " shows no pairing code now."));
        return HttpResponse.ok(images.png(status.qrPayload())).contentType(MediaType.IMAGE_PNG_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static DeviceId parse(String deviceId) {
        try {
            return DeviceId.parse(deviceId);
        } catch (IllegalArgumentException e) {
            throw notFound(deviceId);
        }
    }

    private static ApiProblem notFound(String deviceId) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", "No device " + deviceId + ".");
    }
}
