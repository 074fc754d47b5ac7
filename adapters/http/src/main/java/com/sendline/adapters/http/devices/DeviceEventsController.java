package com.sendline.adapters.http.devices;

import com.sendline.adapters.http.api.ProblemResponses;
import com.sendline.adapters.http.apiaccess.ApiTenant;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.adapters.http.realtime.SseConnection;
import com.sendline.application.operations.RealtimeConnections;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.session.PairingQr;
import com.sendline.domain.session.PairingStatus;
import com.sendline.domain.tenancy.BusinessId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /api/v1/devices/{id}/events}: the device's session state and pairing QR as Server-Sent Events —
 * {@code state} when the session state or linked number changes, {@code pairing} when the pairing stage or QR code
 * changes, {@code deleted} (then the end) when the device is removed. The first events describe the device as it is.
 * <p>
 * The stream looks at the device once a second rather than subscribing to changes: state is written by whichever
 * instance holds the session, and one indexed read a second per open stream costs less than a cluster-wide
 * change feed. Pairing QR codes are known on the instance that runs the pairing.
 */
@Secured("devices:read")
@ProblemResponses
@Controller("/api/v1/devices")
public final class DeviceEventsController {
    static final Duration POLL = Duration.ofSeconds(1);
    private final Devices devices;
    private final ApiTenant tenant;
    private final PairingQr pairing;
    private final RealtimeConnections connections;
    private final JsonMapper json;

    public DeviceEventsController(Devices devices, ApiTenant tenant, PairingQr pairing,
                                  RealtimeConnections connections, JsonMapper json) {
        this.devices = devices;
        this.tenant = tenant;
        this.pairing = pairing;
        this.connections = connections;
        this.json = json;
    }

    @Serdeable
    public record StateEvent(String deviceId, String state, @Nullable String phoneNumber) {
    }

    @Serdeable
    public record PairingEvent(String deviceId, String stage, @Nullable String qrPayload, @Nullable String qrPng,
                               @Nullable String detail) {
    }

    private record Snapshot(Optional<StateEvent> state, Optional<PairingEvent> pairing) {
    }

    @Get(value = "/{deviceId}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Publisher<Event<String>> deviceEvents(Authentication caller,
                                           @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                           @PathVariable String deviceId) {
        BusinessId owner = tenant.business(caller, business);
        DeviceId id;
        try {
            id = DeviceId.parse(deviceId);
        } catch (IllegalArgumentException e) {
            throw notFound(deviceId);
        }
        Snapshot first = snapshot(owner, id);
        if (first.state().isEmpty()) {
            throw notFound(deviceId);
        }
        AtomicReference<Disposable> poller = new AtomicReference<>();
        SseConnection connection = new SseConnection(Duration.ofSeconds(15), c -> {
            connections.unregister(c);
            Disposable p = poller.get();
            if (p != null) {
                p.dispose();
            }
        });
        if (!connections.register(connection)) {
            throw SseConnection.draining();
        }
        AtomicReference<Snapshot> last = new AtomicReference<>(new Snapshot(Optional.empty(), Optional.empty()));
        emit(connection, last, first);
        poller.set(Flux.interval(POLL, POLL, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .subscribe(tick -> {
                    Snapshot now = snapshot(owner, id);
                    if (now.state().isEmpty()) {
                        connection.closeWith("deleted", write(new StateEvent(id.toString(), "deleted", null)));
                        poller.get().dispose();
                        return;
                    }
                    emit(connection, last, now);
                }, error -> connection.closeWith("error", "{\"code\":\"STREAM_FAILED\"}")));
        return connection.stream();
    }

    private void emit(SseConnection connection, AtomicReference<Snapshot> last, Snapshot now) {
        Snapshot before = last.getAndSet(now);
        if (!Objects.equals(before.state(), now.state())) {
            now.state().ifPresent(s -> connection.push("state", write(s)));
        }
        if (!Objects.equals(before.pairing(), now.pairing())) {
            now.pairing().ifPresent(p -> connection.push("pairing", write(p)));
        }
    }

    private Snapshot snapshot(BusinessId owner, DeviceId id) {
        Optional<Device> device = devices.find(owner, id);
        if (device.isEmpty()) {
            return new Snapshot(Optional.empty(), Optional.empty());
        }
        Device d = device.get();
        StateEvent state = new StateEvent(d.id().toString(), d.sessionState().name().toLowerCase(Locale.ROOT),
                d.phoneNumber() == null ? null : d.phoneNumber().e164());
        Optional<PairingEvent> pairingEvent = pairing.latest(id).map(p -> new PairingEvent(d.id().toString(),
                p.stage().name().toLowerCase(Locale.ROOT), p.qrPayload(),
                p.stage() == PairingStatus.Stage.SHOW_QR ? "/api/v1/devices/" + d.id() + "/qr" : null, p.detail()));
        return new Snapshot(Optional.of(state), pairingEvent);
    }

    private String write(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiProblem notFound(String deviceId) {
        return ApiProblem.notFound("device " + deviceId);
    }
}
