package com.sendline.adapters.http.webhooks;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.application.inbound.ReceiveCloudWebhook;
import com.sendline.application.inbound.VerifyCloudWebhook;
import com.sendline.application.inbound.WebhookRejected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.charset.StandardCharsets;

/**
 * Meta's WhatsApp Cloud API webhooks: the subscription check (GET) and the events (POST). The body is taken as raw
 * bytes, because the signature is over exactly those bytes: nothing is decoded before it checks out.
 */
// Public: no token (the endpoint checks what it needs itself, or shows nothing private).
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/webhooks/whatsapp-cloud")
public final class CloudWebhookController {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CloudWebhookController.class);
    private final VerifyCloudWebhook verify;
    private final ReceiveCloudWebhook receive;

    public CloudWebhookController(VerifyCloudWebhook verify, ReceiveCloudWebhook receive) {
        this.verify = verify;
        this.receive = receive;
    }

    @Serdeable
    public record Received(int events, int ignored) {
    }

    @Get(produces = MediaType.TEXT_PLAIN)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public String subscribe(@QueryValue("hub.mode") @Nullable String mode,
                            @QueryValue("hub.verify_token") @Nullable String token,
                            @QueryValue("hub.challenge") @Nullable String challenge) {
        return verify.verify(mode, token, challenge).orElseThrow(() -> new ApiProblem(HttpStatus.FORBIDDEN,
                "WEBHOOK_VERIFY_TOKEN_INVALID", "Webhook verification refused", "hub.mode must be subscribe and"
                + " hub.verify_token must be the verify token of one of this installation's Cloud numbers."));
    }

    /**
     * Keeps Meta's events and answers {@code {"events":n,"ignored":m}}. The answer is written by hand: two counters
     * need no serializer, and Micronaut's takes 16 KB of fresh Jackson buffers per response on a virtual thread
     * (28 % of what the intake allocated at 2,000 posts a second).
     */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The events kept and ignored",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Received.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> events(@Body @Nullable byte[] body,
                                       @Header("X-Hub-Signature-256") @Nullable String signature) {
        try {
            ReceiveCloudWebhook.Receipt r = receive.receive(body == null ? new byte[0] : body, signature);
            return HttpResponse.ok(("{\"events\":" + r.events() + ",\"ignored\":" + r.ignored() + "}")
                    .getBytes(StandardCharsets.US_ASCII)).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (WebhookRejected e) {
            throw switch (e.reason()) {
                case UNSIGNED -> new ApiProblem(HttpStatus.UNAUTHORIZED, "WEBHOOK_SIGNATURE_MISSING",
                        "Webhook signature missing", e.getMessage());
                case BAD_SIGNATURE -> new ApiProblem(HttpStatus.UNAUTHORIZED, "WEBHOOK_SIGNATURE_INVALID",
                        "Webhook signature invalid", e.getMessage());
                case MALFORMED -> new ApiProblem(HttpStatus.BAD_REQUEST, "WEBHOOK_MALFORMED",
                        "Webhook body not understood", e.getMessage());
            };
        } catch (RuntimeException e) {
            // The event could not be kept (database away or overloaded): Meta redelivers on anything but 2xx, so
            // say so plainly instead of a 500 — nothing was acknowledged, nothing is lost.
            LOG.warn("A webhook could not be stored; answering 503 so Meta redelivers it: {}", e.toString());
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "WEBHOOK_NOT_STORED", "Webhook not stored",
                    "The event could not be stored just now; deliver it again later.")
                    .retryAfter(java.time.Duration.ofSeconds(5));
        }
    }
}
