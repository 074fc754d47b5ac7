package com.sendline.bootstrap.embedded;

import com.sendline.adapters.postgres.PostgresUrl;
import com.sendline.bootstrap.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A real PostgreSQL and a real Redis started in-process for a one-command trial run, each only when its URL is
 * not set. Both keep their data under the data directory, so a restart finds everything where it was.
 */
public final class EmbeddedServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);
    private EmbeddedPostgres postgres;
    private RedisServer redis;

    public Settings startWhatIsMissing(Settings settings) {
        Settings resolved = settings;
        try {
            if (settings.databaseUrl().isEmpty()) {
                Path dir = ownDirectory(settings.dataDir().resolve("postgres"));
                refuseIfStillRunning(dir);
                LOG.info("DATABASE_URL not set: starting embedded PostgreSQL in {}", dir);
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(true)
                        .setPort(freePort())
                        .start();
                resolved = resolved.withDatabase(PostgresUrl.parse(postgres.getJdbcUrl("postgres", "postgres")));
            }
            if (settings.redisQueueUrl().isEmpty()) {
                Path dir = ownDirectory(settings.dataDir().resolve("redis"));
                int port = freePort();
                LOG.info("REDIS_URL not set: starting embedded Redis in {}", dir);
                redis = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("dir " + dir)
                        .setting("appendonly yes")
                        .setting("save 60 1")
                        .setting("protected-mode yes")
                        .build();
                redis.start();
                resolved = resolved.withRedis("redis://127.0.0.1:" + port);
            }
            return resolved;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("could not start the embedded services: " + e.getMessage(), e);
        }
    }

    /**
     * A PostgreSQL left running by a start that was killed (kill -9) still holds the data directory; starting a second
     * one on it fails with an unhelpful "connection refused". Say what is going on instead.
     */
    private static void refuseIfStillRunning(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (!first.matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(first);
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new EmbeddedServiceBusy("an embedded PostgreSQL (pid " + pid + ") is still running on "
                    + dir + ": another Sendline may be using SENDLINE_DATA_DIR; if none is, stop it with 'kill "
                    + pid + "' and start again");
        }
    }

    /** The data directory is in use by a PostgreSQL this start did not launch. */
    public static final class EmbeddedServiceBusy extends RuntimeException {
        EmbeddedServiceBusy(String message) {
            super(message, null, false, false);
        }
    }

    private static Path ownDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing to tighten
        }
        return dir;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public boolean any() {
        return postgres != null || redis != null;
    }

    @Override
    public void close() {
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Embedded Redis did not stop cleanly: {}", e.toString());
            }
            redis = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
            }
            postgres = null;
        }
    }
}
