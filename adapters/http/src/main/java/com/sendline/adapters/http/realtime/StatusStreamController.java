package com.sendline.adapters.http.realtime;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import com.sendline.application.operations.RealtimeConnections;
import com.sendline.application.operations.Readiness;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import org.reactivestreams.Publisher;

import java.time.Duration;

/**
 * {@code GET /events/status}: a live stream of this instance's state. Clients (dashboards, the operator console)
 * hold it open; when the instance drains they receive a {@code draining} event and reconnect elsewhere instead of
 * seeing a broken connection.
 */
// Public: no token (the endpoint checks what it needs itself, or shows nothing private).
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/events")
public final class StatusStreamController {
    private final RealtimeConnections connections;
    private final Readiness readiness;
    private final Duration heartbeat;

    public StatusStreamController(RealtimeConnections connections, Readiness readiness) {
        this.connections = connections;
        this.readiness = readiness;
        this.heartbeat = Duration.ofSeconds(15);
    }

    @Get(uri = "/status", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<String>> status() {
        if (readiness.isDraining()) {
            throw SseConnection.draining();
        }
        SseConnection connection = new SseConnection(heartbeat, connections::unregister);
        if (!connections.register(connection)) {
            throw SseConnection.draining();
        }
        connection.push("status", "{\"status\":\"UP\"}");
        return connection.stream();
    }
}
