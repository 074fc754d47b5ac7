package com.sendline.adapters.http.tenancy;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.application.tenancy.ResolveBranding;
import com.sendline.domain.tenancy.HostName;
import com.sendline.domain.tenancy.Reseller;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;

/**
 * The public look of whichever reseller owns the host name the request came in on. Login pages call this before
 * anyone signs in, so it reveals only what the reseller shows the world anyway.
 */
// Public: no token (the endpoint checks what it needs itself, or shows nothing private).
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/api/v1/branding")
public final class BrandingController {
    private final ResolveBranding resolveBranding;

    public BrandingController(ResolveBranding resolveBranding) {
        this.resolveBranding = resolveBranding;
    }

    @Serdeable
    public record BrandingBody(String reseller, String displayName, String logoUrl, String primaryColour,
                               String supportEmail) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public BrandingBody branding(@Header(HttpHeaders.HOST) String host) {
        HostName hostName;
        try {
            hostName = HostName.fromHostHeader(host);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_HOST", "Invalid Host header", e.getMessage());
        }
        Reseller reseller = resolveBranding.resellerFor(hostName).orElseThrow(() -> new ApiProblem(
                HttpStatus.NOT_FOUND, "UNKNOWN_HOST", "Unknown host",
                "No reseller serves " + hostName.value() + "."));
        var b = reseller.branding();
        return new BrandingBody(reseller.slug().value(), b.displayName(), b.logo().map(URI::toString).orElse(null),
                b.primaryColour().hex(), b.supportEmail().value());
    }
}
