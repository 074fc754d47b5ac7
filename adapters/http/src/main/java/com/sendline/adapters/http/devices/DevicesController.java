package com.sendline.adapters.http.devices;

import com.sendline.adapters.http.apiaccess.ApiTenant;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.tenancy.BusinessId;
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

/** The calling business's devices (scope {@code devices:read}). Another business's device is 404, like a missing one. */
@Secured("devices:read")
@Controller("/api/v1/devices")
public final class DevicesController {
    private final Devices devices;
    private final ApiTenant tenant;

    public DevicesController(Devices devices, ApiTenant tenant) {
        this.devices = devices;
        this.tenant = tenant;
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
        DeviceId device;
        try {
            device = DeviceId.parse(deviceId);
        } catch (IllegalArgumentException e) {
            throw notFound(deviceId);
        }
        return devices.find(id, device).map(DeviceBody::of).orElseThrow(() -> notFound(deviceId));
    }

    private static ApiProblem notFound(String deviceId) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", "No device " + deviceId + ".");
    }
}
