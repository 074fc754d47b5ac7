package com.sendline.adapters.http.devices;

import com.sendline.adapters.http.api.ProblemResponses;
import com.sendline.adapters.http.apiaccess.ApiTenant;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.adapters.http.api.IdempotentPosts;
import com.sendline.adapters.http.problem.Problem.FieldError;
import com.sendline.application.devices.AddCloudNumber;
import com.sendline.application.devices.AddSimulatorDevice;
import com.sendline.application.devices.DeviceAlreadyLinked;
import com.sendline.application.devices.RemoveDevice;
import com.sendline.application.devices.StartPairing;
import com.sendline.domain.scheduling.RecipientNumbers;
import com.sendline.domain.tenancy.AlreadyTaken;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
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

import java.util.ArrayList;
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

    private final AddSimulatorDevice addSimulator;
    private final AddCloudNumber addCloud;
    private final StartPairing startPairing;
    private final IdempotentPosts idempotent;

    public DevicesController(Devices devices, ApiTenant tenant, RemoveDevice remove, PairingQr pairing,
                             QrImages images, AddSimulatorDevice addSimulator, AddCloudNumber addCloud,
                             StartPairing startPairing, IdempotentPosts idempotent) {
        this.addSimulator = addSimulator;
        this.addCloud = addCloud;
        this.startPairing = startPairing;
        this.idempotent = idempotent;
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
    public DeviceList listDevices(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business) {
        BusinessId id = tenant.business(caller, business);
        return new DeviceList(devices.list(id).stream().map(DeviceBody::of).toList());
    }

    @Get(value = "/{deviceId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public DeviceBody getDevice(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                          @PathVariable String deviceId) {
        BusinessId id = tenant.business(caller, business);
        return devices.find(id, parse(deviceId)).map(DeviceBody::of).orElseThrow(() -> notFound(deviceId));
    }

    /**
     * Adds a device (scope {@code devices:write}): 201 with the device and its {@code Location}. A WhatsApp Web
     * device starts pairing at once. {@code Idempotency-Key} is honoured.
     */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The device, with its Location",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = DeviceBody.class)))
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured("devices:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<DeviceBody> createDevice(Authentication caller,
                                           @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                           @Header(IdempotentPosts.HEADER) @Nullable String idempotencyKey,
                                           @Body NewDevice request) {
        BusinessId id = tenant.business(caller, business);
        String channel = request.channel() == null ? "" : request.channel().trim().toLowerCase(Locale.ROOT);
        List<FieldError> errors = new ArrayList<>();
        switch (channel) {
            case "simulator" -> required(errors, "phoneNumber", request.phoneNumber());
            case "web" -> forbidden(errors, request, "phoneNumber");
            case "cloud" -> {
                required(errors, "phoneNumber", request.phoneNumber());
                required(errors, "phoneNumberId", request.phoneNumberId());
                required(errors, "accessToken", request.accessToken());
                required(errors, "appSecret", request.appSecret());
                required(errors, "verifyToken", request.verifyToken());
            }
            default -> errors.add(new FieldError("channel", request.channel() == null ? "is required"
                    : "must be one of simulator, web, cloud"));
        }
        if (!channel.equals("cloud")) {
            forbidden(errors, request, "phoneNumberId", "accessToken", "appSecret", "verifyToken");
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return idempotent.respond(caller, idempotencyKey, "POST /api/v1/devices " + id, request, DeviceBody.class,
                HttpStatus.CREATED, reserved -> DeviceBody.of(add(id, channel, request,
                        reserved == null ? null : new DeviceId(reserved))),
                d -> "/api/v1/devices/" + d.id());
    }

    /** @param id the id an {@code Idempotency-Key} reserved (a retry after a crash finds the device); null without one */
    private Device add(BusinessId business, String channel, NewDevice r, @Nullable DeviceId id) {
        try {
            return switch (channel) {
                case "simulator" -> id == null ? addSimulator.add(business, r.phoneNumber(), r.label())
                        : addSimulator.add(business, r.phoneNumber(), r.label(), id);
                case "web" -> {
                    String label = r.label() == null || r.label().isBlank() ? "WhatsApp Web" : r.label();
                    yield id == null ? startPairing.addWebDevice(business, label)
                            : startPairing.addWebDevice(business, label, id);
                }
                default -> {
                    var cloud = new AddCloudNumber.Request(business, r.label(), r.phoneNumber(), r.phoneNumberId(),
                            r.accessToken(), r.appSecret(), r.verifyToken());
                    yield id == null ? addCloud.add(cloud) : addCloud.add(cloud, id);
                }
            };
        } catch (RecipientNumbers.InvalidRecipient e) {
            throw ApiProblem.invalid(List.of(new FieldError("phoneNumber", e.getMessage())));
        } catch (AlreadyTaken e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "DEVICE_EXISTS", "Device exists",
                    "That phone number id is already installed as another device.",
                    List.of(new FieldError("phoneNumberId", "is already in use")));
        } catch (IllegalArgumentException e) {
            // The domain's messages name the field but never echo a secret.
            throw ApiProblem.invalid(List.of(new FieldError(channel.equals("cloud") ? "cloud" : "label", e.getMessage())));
        }
    }

    /**
     * Starts pairing a WhatsApp Web device again (after it was logged out or a code expired): 202; follow the QR
     * code at {@code /qr} or in the events. 409 {@code DEVICE_LINKED} while a phone is linked to it.
     */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202", description = "Pairing started")
    @Post(value = "/{deviceId}/pair", produces = MediaType.APPLICATION_JSON)
    @Secured("devices:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<DeviceBody> pairDevice(Authentication caller,
                                         @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                         @PathVariable String deviceId) {
        BusinessId id = tenant.business(caller, business);
        try {
            return HttpResponse.accepted().body(DeviceBody.of(startPairing.pairAgain(id, parse(deviceId))));
        } catch (UnknownDevice e) {
            throw notFound(deviceId);
        } catch (DeviceAlreadyLinked e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "DEVICE_LINKED", "Device linked", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "NOT_A_WEB_DEVICE", "Not a WhatsApp Web device",
                    e.getMessage());
        }
    }

    private static void required(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        }
    }

    private static void forbidden(List<FieldError> errors, NewDevice r, String... fields) {
        for (String field : fields) {
            String value = switch (field) {
                case "phoneNumber" -> r.phoneNumber();
                case "phoneNumberId" -> r.phoneNumberId();
                case "accessToken" -> r.accessToken();
                case "appSecret" -> r.appSecret();
                default -> r.verifyToken();
            };
            if (value != null) {
                errors.add(new FieldError(field, "does not apply to this channel"));
            }
        }
    }


    /** Deletes the device, its session and its credentials (scope {@code devices:write}). */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Deleted")
    @Delete("/{deviceId}")
    @Secured("devices:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Void> deleteDevice(Authentication caller,
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
    public HttpResponse<byte[]> deviceQr(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
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
        return ApiProblem.notFound("device " + deviceId);
    }
}
