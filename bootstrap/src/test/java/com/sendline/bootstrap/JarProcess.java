package com.sendline.bootstrap;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar bootstrap/target/sendline.jar} as a child process, with an environment of the test's choosing. */
final class JarProcess implements AutoCloseable {
    private static final List<String> SERVICE_VARIABLES = List.of("DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL",
            "REDIS_QUEUE_URL", "REDIS_CACHE_URL", "REDIS_KEY_PREFIX", "PORT", "SENDLINE_DATA_DIR", "SEED_DEMO");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    final int port;

    private JarProcess(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    static JarProcess start(Path workDir, Map<String, String> env) throws IOException {
        String jar = System.getProperty("sendline.jar", "target/sendline.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no jar at " + jar + ": run 'mvn verify' (the jar is built in package)");
        }
        // The JVM running this test is a 21+ one (the toolchain's); the jar needs one too.
        String java = ProcessHandle.current().info().command().orElse("java");
        int port = env.containsKey("PORT") ? Integer.parseInt(env.get("PORT")) : freePort();
        Files.createDirectories(workDir);
        Path out = workDir.resolve("stdout.log");
        Path err = workDir.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(java, "-Xmx512m", "-jar",
                Path.of(jar).toAbsolutePath().toString())))
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        SERVICE_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().putAll(env);
        return new JarProcess(builder.start(), out, err, port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Polls readiness until UP; returns the milliseconds it took, or fails with the process's output. */
    long awaitReady(long timeoutMillis) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + ": " + stderr() + "\n" + stdout());
            }
            try {
                if (Http.get(url(), "/health/readiness").statusCode() == 200) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
            } catch (IllegalStateException notListeningYet) {
                // connection refused until the server is up
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within " + timeoutMillis + " ms:\n" + stdout() + "\n" + stderr());
    }

    /** Sends SIGTERM (what Process.destroy does on Unix) and waits for the exit code. */
    int terminate(long timeoutSeconds) throws InterruptedException {
        sigterm();
        return awaitExit(timeoutSeconds);
    }

    /** The processes this jar started (embedded PostgreSQL, Redis), to clean up after a forced kill. */
    java.util.List<ProcessHandle> children() {
        return process.descendants().toList();
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void sigterm() {
        process.destroy();
    }

    int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not exit within " + timeoutSeconds + " s");
        }
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** SIGTERM first, so the jar stops its embedded PostgreSQL and Redis; a forced kill would orphan them. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
