package com.sendline.bootstrap.config;

/** A setting that cannot work. The message is one line that names the variable and never echoes a secret. */
public final class ConfigurationError extends RuntimeException {
    public ConfigurationError(String message) {
        super(message, null, false, false);
    }
}
