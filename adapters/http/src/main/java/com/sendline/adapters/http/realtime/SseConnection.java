package com.sendline.adapters.http.realtime;

import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.application.operations.RealtimeConnections;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.sse.Event;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One client's Server-Sent Events stream. Events pushed here reach the client in order; a comment every
 * {@code heartbeat} keeps proxies from closing an idle stream. Closing sends a last event and then ends the stream,
 * and {@link #closeWith} completes once the end has been handed to the server (or the client went away).
 */
public final class SseConnection implements RealtimeConnections.Connection {
    private final Sinks.Many<Event<String>> events = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Empty<Void> ended = Sinks.empty();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Flux<Event<String>> stream;

    public SseConnection(Duration heartbeat, Consumer<SseConnection> onFinish) {
        Flux<Event<String>> heartbeats = Flux.interval(heartbeat)
                .map(i -> Event.of("").comment("keep-alive"))
                .takeUntilOther(ended.asMono());
        this.stream = Flux.merge(events.asFlux(), heartbeats)
                .doFinally(signal -> {
                    onFinish.accept(this);
                    finished.complete(null);
                });
    }

    /** 503 {@code DRAINING}: this instance takes no new streams; the client reconnects and reaches another. */
    public static ApiProblem draining() {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "DRAINING", "Instance is shutting down",
                "This instance is draining; reconnect and you will reach another one.");
    }

    public Flux<Event<String>> stream() {
        return stream;
    }

    public void push(String name, String json) {
        events.tryEmitNext(Event.of(json).name(name));
    }

    @Override
    public CompletableFuture<Void> closeWith(String event, String data) {
        push(event, data);
        events.tryEmitComplete();
        ended.tryEmitEmpty();
        return finished;
    }

    @Override
    public void abort() {
        ended.tryEmitEmpty();
        events.tryEmitError(new IllegalStateException("realtime stream cut off during shutdown"));
    }
}
