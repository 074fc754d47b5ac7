package com.sendline.adapters.http.operations;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import com.sendline.application.operations.CheckResult;
import com.sendline.application.operations.Readiness;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Liveness ({@code /health}, {@code /health/liveness}): the process answers — nothing else, so an outage of
 * Postgres or Redis never gets instances restarted in a loop. Readiness ({@code /health/readiness}): Postgres and
 * each Redis answer and the instance has finished starting and is not draining; 503 otherwise, so a load balancer stops sending traffic.
 */
// Public: no token (the endpoint checks what it needs itself, or shows nothing private).
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/health")
public final class HealthController {
    private final Readiness readiness;

    public HealthController(Readiness readiness) {
        this.readiness = readiness;
    }

    @Serdeable
    public record Liveness(String status) {
    }

    @Serdeable
    public record Check(String status, long latencyMs, String detail) {
    }

    @Serdeable
    public record ReadinessBody(String status, boolean draining, boolean starting, Map<String, Check> checks) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public Liveness health() {
        return new Liveness("UP");
    }

    @Get(uri = "/liveness", produces = MediaType.APPLICATION_JSON)
    public Liveness liveness() {
        return health();
    }

    @Get(uri = "/readiness", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<ReadinessBody> readiness() {
        Readiness.Report report = readiness.report();
        Map<String, Check> checks = new LinkedHashMap<>();
        report.checks().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            CheckResult r = e.getValue();
            checks.put(e.getKey(), new Check(r.up() ? "UP" : "DOWN", r.latencyMillis(),
                    r.detail().isEmpty() ? null : r.detail()));
        });
        ReadinessBody body = new ReadinessBody(report.up() ? "UP" : "DOWN", report.draining(), report.starting(),
                checks);
        return HttpResponse.status(report.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
