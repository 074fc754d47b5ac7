package com.sendline.bootstrap.config;

import java.time.Duration;

/**
 * The scheduling engine's knobs. Defaults suit tier 1 (one small VPS); docs/operations.md and docs/tiers.md say
 * what to raise at each tier.
 *
 * @param workerEnabled       false for an API-only instance: it schedules but never sends
 * @param workerConcurrency   devices sent to at once (WORKER_CONCURRENCY)
 * @param hotSessionCap       live device sessions in the whole cluster (HOT_SESSION_CAP)
 * @param sessionIdleTimeout  a HOT session unused this long is disconnected (SESSION_IDLE_TIMEOUT)
 * @param simulatorConnect    connect latency of the simulator driver (SIMULATOR_CONNECT_LATENCY)
 * @param simulatorSend       send latency of the simulator driver (SIMULATOR_SEND_LATENCY)
 * @param cloudApiBaseUrl     Meta's Graph API, or a stand-in (CLOUD_API_BASE_URL)
 * @param cloudApiVersion     Graph API version in the path (CLOUD_API_VERSION)
 * @param cloudApiRpsPerPhone sends per second per Cloud number, across the cluster (CLOUD_API_RPS_PER_PHONE)
 * @param webConnectTimeout   how long a WhatsApp Web device may take to log in (WEB_CONNECT_TIMEOUT)
 * @param webSendTimeout      how long one WhatsApp Web send may take (WEB_SEND_TIMEOUT)
 * @param webPairingTimeout   how long a WhatsApp Web pairing shows QR codes before it expires (WEB_PAIRING_TIMEOUT)
 */
public record EngineSettings(boolean workerEnabled, int workerConcurrency, int hotSessionCap,
                             Duration sessionIdleTimeout, Duration simulatorConnect, Duration simulatorSend,
                             java.net.URI cloudApiBaseUrl, String cloudApiVersion, int cloudApiRpsPerPhone,
                             Duration webConnectTimeout, Duration webSendTimeout, Duration webPairingTimeout) {

    static EngineSettings from(Env env) {
        boolean enabled = env.flag("WORKER_ENABLED", true);
        int concurrency = env.integer("WORKER_CONCURRENCY", 20, 1, "a whole number of at least 1");
        int cap = env.integer("HOT_SESSION_CAP", 5, 2, "a whole number of at least 2 (one slot is always kept "
                + "for due sends, the others may be sticky)");
        Duration idle = env.duration("SESSION_IDLE_TIMEOUT", Duration.ofMinutes(2), Duration.ofSeconds(1));
        Duration connect = env.duration("SIMULATOR_CONNECT_LATENCY", Duration.ofMillis(200), Duration.ZERO);
        Duration send = env.duration("SIMULATOR_SEND_LATENCY", Duration.ofMillis(20), Duration.ZERO);
        String base = env.text("CLOUD_API_BASE_URL", "https://graph.facebook.com");
        java.net.URI baseUrl;
        try {
            baseUrl = java.net.URI.create(base.strip());
        } catch (IllegalArgumentException e) {
            baseUrl = null;
        }
        if (baseUrl == null || baseUrl.getHost() == null
                || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))) {
            throw new ConfigurationError("CLOUD_API_BASE_URL must be an http(s) URL like https://graph.facebook.com"
                    + " (got \"" + base + "\")");
        }
        String version = env.text("CLOUD_API_VERSION", "v21.0");
        if (!version.matches("v[0-9]{1,3}\\.[0-9]{1,3}")) {
            throw new ConfigurationError("CLOUD_API_VERSION must look like v21.0 (got \"" + version + "\")");
        }
        int rps = env.integer("CLOUD_API_RPS_PER_PHONE", 250, 1, "a whole number of at least 1");
        Duration webConnect = env.duration("WEB_CONNECT_TIMEOUT", Duration.ofSeconds(30), Duration.ofSeconds(1));
        Duration webSend = env.duration("WEB_SEND_TIMEOUT", Duration.ofSeconds(20), Duration.ofSeconds(1));
        Duration webPairing = env.duration("WEB_PAIRING_TIMEOUT", Duration.ofSeconds(60), Duration.ofSeconds(10));
        return new EngineSettings(enabled, concurrency, cap, idle, connect, send, baseUrl, version, rps, webConnect,
                webSend, webPairing);
    }
}
