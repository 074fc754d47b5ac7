package com.sendline.bootstrap.lifecycle;

import com.sendline.application.tenancy.SeedDemo;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;

/** The demo logins on disk, readable only by the owner: the one place the generated passwords are kept. */
public final class DemoCredentialsFile {
    public static final String NAME = "demo-credentials.json";
    private final Path file;
    private final JsonMapper json;

    public DemoCredentialsFile(Path dataDir, JsonMapper json) {
        this.file = dataDir.resolve(NAME);
        this.json = json;
    }

    public Path path() {
        return file;
    }

    public DemoCredentials write(String url, SeedDemo.DemoTenancy demo, String apiKey) throws IOException {
        DemoCredentials credentials = new DemoCredentials(url, demo.resellerId().toString(),
                demo.businessId().toString(), demo.deviceId(), demo.logins().stream()
                .map(l -> new DemoCredentials.Login(l.role().name().toLowerCase(Locale.ROOT), l.email(), l.password()))
                .toList(), apiKey);
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), NAME, ".tmp");
        try {
            restrict(temp);
            Files.write(temp, json.writeValueAsBytes(credentials));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return credentials;
    }

    public Optional<DemoCredentials> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), DemoCredentials.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }
}
