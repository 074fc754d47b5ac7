package com.sendline.adapters.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script from this package's {@code lua/} folder, run by its SHA1 and sent in full only when Redis does not
 * know it yet (after a restart or SCRIPT FLUSH).
 */
final class LuaScript {
    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream("lua/" + name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + name);
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Lua script " + name, e);
        }
    }

    <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, type, keys, args);
        }
    }

    /** The same, without blocking: for callers on an event loop. */
    <T> java.util.concurrent.CompletionStage<T> runAsync(io.lettuce.core.api.async.RedisAsyncCommands<String, String> redis,
                                                        ScriptOutputType type, String[] keys, String... args) {
        return redis.<T>evalsha(sha, type, keys, args).handle((result, error) -> {
            if (error == null) {
                return java.util.concurrent.CompletableFuture.completedFuture(result);
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException c ? c.getCause() : error;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(source, type, keys, args).toCompletableFuture();
            }
            return java.util.concurrent.CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
