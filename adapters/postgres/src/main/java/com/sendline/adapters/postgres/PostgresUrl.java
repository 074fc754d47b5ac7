package com.sendline.adapters.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A database address as operators write it — {@code postgres://user:secret@host:5432/db?sslmode=require} (the
 * Heroku/12-factor form) or a JDBC URL — turned into what the driver wants. {@link #toString()} never shows the
 * password, so this can be logged.
 */
public record PostgresUrl(String jdbcUrl, String user, String password) {
    public PostgresUrl {
        Objects.requireNonNull(jdbcUrl, "jdbc url");
    }

    public static PostgresUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String url = text.trim();
        if (url.startsWith("jdbc:postgresql://")) {
            return new PostgresUrl(url, null, null);
        }
        if (!(url.startsWith("postgres://") || url.startsWith("postgresql://"))) {
            throw new IllegalArgumentException("must start with postgres://, postgresql:// or jdbc:postgresql:// "
                    + "(e.g. postgres://user:password@127.0.0.1:5432/sendline)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no host name");
        }
        String path = uri.getRawPath();
        if (path == null || path.length() < 2) {
            throw new IllegalArgumentException("names no database (add /<database> after the host)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new PostgresUrl(jdbc, user, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** The address without credentials, for logs and error messages. */
    public String redacted() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    @Override
    public String toString() {
        return redacted();
    }
}
