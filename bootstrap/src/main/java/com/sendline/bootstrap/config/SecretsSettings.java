package com.sendline.bootstrap.config;

import com.sendline.adapters.crypto.TinkSecretSealer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The master key that seals secrets at rest.
 *
 * @param masterKeyJson the Tink keyset of SENDLINE_MASTER_KEY (given Base64-encoded), checked to be a usable
 *                      AES-256-GCM keyset; every instance of an installation needs the same one. Unset: a keyset made
 *                      once and kept in {@code <data dir>/master-key.json}
 */
public record SecretsSettings(Optional<String> masterKeyJson) {
    static final String VARIABLE = "SENDLINE_MASTER_KEY";

    @Override
    public String toString() {
        return "SecretsSettings[masterKey " + (masterKeyJson.isPresent() ? "set" : "from the data directory") + "]";
    }

    static SecretsSettings from(Env env) {
        Optional<String> raw = env.text(VARIABLE);
        if (raw.isEmpty()) {
            return new SecretsSettings(Optional.empty());
        }
        String json;
        try {
            // Line breaks and spaces are allowed: base64 without -w0 wraps at 76 characters.
            json = new String(Base64.getDecoder().decode(raw.get().replaceAll("\\s", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(VARIABLE + " is not Base64 (" + howToMakeOne() + ")");
        }
        try {
            TinkSecretSealer.fromKeysetJson(json);
        } catch (IllegalArgumentException e) {
            // The message of fromKeysetJson never repeats the keyset, so it is safe to print.
            throw new ConfigurationError(VARIABLE + " " + e.getMessage() + " (" + howToMakeOne() + ")");
        }
        return new SecretsSettings(Optional.of(json));
    }

    private static String howToMakeOne() {
        return "it is a Tink keyset in JSON, Base64-encoded: tinkey create-keyset --key-template AES256_GCM"
                + " --out-format json | base64 -w0, or base64 -w0 <data dir>/master-key.json of an instance that"
                + " made one";
    }
}
