package com.sendline.adapters.whatsappcloud;

import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.session.SendFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One send as the engine sees it: through the number's throttle, to Meta, retried where a retry within the call is
 * worth it, and turned into the domain's {@link SendFailure} otherwise.
 *
 * <table>
 *   <caption>What each answer leads to</caption>
 *   <tr><th>Meta says</th><th>here</th><th>SendFailure (code, retryable, sessionBroken)</th></tr>
 *   <tr><td>130429 throughput</td><td>back off ~{@code throughputBackoff}, retry up to {@code throughputRetries}
 *       times</td><td>GRAPH_130429, yes, no</td></tr>
 *   <tr><td>131056 pair rate limit</td><td>no retry: only this recipient must wait (~6 s), which the engine should
 *       do by delaying messages to that recipient, not by holding the worker</td><td>GRAPH_131056, yes, no</td></tr>
 *   <tr><td>131048 spam / 80007 account rate limit</td><td>{@link CloudAlert} to the alerts callback</td>
 *       <td>GRAPH_131048 / GRAPH_80007, no, yes (the number must pause)</td></tr>
 *   <tr><td>190 token invalid</td><td>{@link CloudAlert}</td><td>GRAPH_190, no, yes (connecting again reads the
 *       credentials afresh)</td></tr>
 *   <tr><td>5xx, 429, timeout, connection failure</td><td>retry with exponential backoff and jitter, honouring
 *       {@code Retry-After}, up to {@code maxAttempts} tries</td><td>HTTP_5xx / TIMEOUT / CONNECTION_FAILED, yes,
 *       no</td></tr>
 *   <tr><td>any other error</td><td>—</td><td>GRAPH_&lt;code&gt; with Meta's message, no, no</td></tr>
 * </table>
 *
 * <p>A retry after a timeout may send the message twice: the Cloud API has no idempotency key, and a call that
 * timed out may have been taken. Meta's {@code biz_opaque_callback_data} carries our message id so the webhook can
 * tell.
 *
 * <p>Failure messages and logs carry Meta's words and the phone number id, never the token.
 */
public final class CloudSender {
    /** Meta's pair rate limit allows about one message every 6 s to the same recipient. */
    static final Duration PAIR_RATE_WAIT = Duration.ofSeconds(6);

    private static final Logger LOG = LoggerFactory.getLogger(CloudSender.class);

    private final CloudApiClient client;
    private final PhoneThrottle throttle;
    private final CloudApiSettings settings;
    private final Consumer<CloudAlert> alerts;
    private final CallTime callTime = new CallTime();

    /** @param alerts told, on the sending thread, when Meta stops a number; must be quick and should not throw */
    public CloudSender(CloudApiClient client, PhoneThrottle throttle, Consumer<CloudAlert> alerts) {
        this.client = Objects.requireNonNull(client, "client");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.settings = client.settings();
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    public CloudSendReceipt send(CloudNumber from, OutgoingMessage message) throws SendFailure {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(message, "message");
        String number = from.phoneNumberId();
        GraphCall call = client.call(from, message);
        Duration waited = Duration.ZERO;
        int attempts = 0;
        int failures = 0;
        int throughputHits = 0;
        try {
            while (true) {
                waited = waited.plus(acquire(number));
                attempts++;
                long called = System.nanoTime();
                try {
                    String wamid = client.send(from, call);
                    callTime.observe(System.nanoTime() - called);
                    return new CloudSendReceipt(wamid, waited, attempts);
                } catch (GraphException e) {
                    callTime.observe(System.nanoTime() - called);
                    GraphError error = e.error();
                    switch (GraphErrorKind.of(error)) {
                        case THROUGHPUT -> {
                            throughputHits++;
                            LOG.warn("Meta says number {} exceeded its throughput (130429, hit {} of this send);"
                                    + " is {}/s above the number's tier?", number, throughputHits,
                                    settings.rpsPerPhone());
                            if (throughputHits > settings.throughputRetries()) {
                                throw failure(error, true, false);
                            }
                            Thread.sleep(Backoff.jittered(settings.throughputBackoff()));
                        }
                        case TRANSIENT -> {
                            failures++;
                            Duration pause = failures < settings.maxAttempts() ? Backoff.afterFailure(failures,
                                    settings.backoffBase(), settings.backoffMax(), error.retryAfter()) : null;
                            if (pause == null) {
                                throw failure(error, true, false);
                            }
                            LOG.debug("Meta failed a send from {} with HTTP {}; retrying in {} ms", number,
                                    error.httpStatus(), pause.toMillis());
                            Thread.sleep(pause);
                        }
                        case PAIR_RATE_LIMIT -> throw new SendFailure(code(error), error.describe()
                                + " - only this recipient must wait: about 6 s before the next message to it",
                                true, false, PAIR_RATE_WAIT);
                        case NUMBER_RESTRICTED, TOKEN_INVALID -> {
                            SendFailure failure = failure(error, false, true);
                            alert(new CloudAlert(number, failure.code(), error.describe()));
                            throw failure;
                        }
                        case REJECTED -> throw failure(error, false, false);
                    }
                } catch (IOException e) {
                    failures++;
                    // Connect and read timeouts are both InterruptedIOExceptions.
                    String code = e instanceof InterruptedIOException ? "TIMEOUT" : "CONNECTION_FAILED";
                    Duration pause = failures < settings.maxAttempts() ? Backoff.afterFailure(failures,
                            settings.backoffBase(), settings.backoffMax(), null) : null;
                    if (pause == null) {
                        throw new SendFailure(code, "no answer from the Graph API after " + attempts + " tries ("
                                + e.getClass().getSimpleName() + ")", true, false);
                    }
                    LOG.debug("No answer from Meta for a send from {} ({}); retrying in {} ms", number, code,
                            pause.toMillis());
                    Thread.sleep(pause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure("INTERRUPTED", "the send was interrupted", true, false);
        }
    }

    /**
     * Sends of one number to have under way at once on this worker: enough to keep the number at its rate while a
     * call takes as long as Meta needs to answer ({@code rate × call time}, plus two for the calls that run long), at
     * least 4 and at most 64. Most of them wait in the throttle for their instant, which costs a parked virtual
     * thread; too few cap a number at (sends under way) / (call time) — 18/s with one at a time and a 50 ms Graph
     * API. The call time is the quick end of recent calls ({@link CallTime}), not their mean: calls that queue on a
     * busy machine must not ask for still more calls at once.
     */
    int concurrentSends() {
        double perCall = settings.rpsPerPhone() * (callTime.nanos() / 1e9);
        return (int) Math.clamp(Math.ceil(perCall) + 2, MIN_CONCURRENT_SENDS, MAX_CONCURRENT_SENDS);
    }

    static final int MIN_CONCURRENT_SENDS = 4;
    static final int MAX_CONCURRENT_SENDS = 64;

    /**
     * How long Meta takes to answer, as the quick end of recent calls: a call quicker than the estimate sets it, a
     * slower one raises it by 1/64 of the difference. So it follows Meta's latency down at once and up over some
     * hundred calls, and calls slowed by queueing here (a saturated machine, a busy connection pool) barely move it.
     * 20 ms at first.
     */
    static final class CallTime {
        private final AtomicLong nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(20));

        void observe(long sample) {
            nanos.updateAndGet(low -> sample < low ? sample : low + (sample - low) / 64);
        }

        long nanos() {
            return nanos.get();
        }
    }

    private Duration acquire(String number) throws SendFailure, InterruptedException {
        try {
            return throttle.acquire(number);
        } catch (ThrottleRefused e) {
            throw new SendFailure(e.code(), e.getMessage(), true, false);
        }
    }

    private void alert(CloudAlert alert) {
        LOG.warn("Meta restricted number {}: {} {}", alert.phoneNumberId(), alert.code(), alert.message());
        try {
            alerts.accept(alert);
        } catch (RuntimeException e) {
            // The failure still reaches the engine, which pauses the number on sessionBroken all the same.
            LOG.error("The Cloud API alert handler failed for number {}", alert.phoneNumberId(), e);
        }
    }

    private static SendFailure failure(GraphError error, boolean retryable, boolean sessionBroken) {
        return new SendFailure(code(error), "Meta did not take the message: " + error.describe(), retryable,
                sessionBroken);
    }

    /** {@code GRAPH_<code>} when Meta named one, else {@code HTTP_<status>} (a gateway's page, a bare 5xx). */
    static String code(GraphError error) {
        if (error.code() == 0 || (error.httpStatus() >= 500 && GraphErrorKind.of(error) == GraphErrorKind.TRANSIENT)) {
            return "HTTP_" + error.httpStatus();
        }
        return "GRAPH_" + error.code();
    }

    @Override
    public String toString() {
        return "CloudSender[" + client + ", " + throttle + "]";
    }
}
