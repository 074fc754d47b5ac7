package com.sendline.bootstrap.lifecycle;

import com.sendline.bootstrap.config.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that signs API tokens: JWT_SECRET when set; otherwise a random one made once and kept in
 * {@code <data dir>/jwt-secret} (owner-only), so tokens survive a restart of a single-instance installation.
 * Several instances must share JWT_SECRET, or each would refuse the others' tokens.
 */
final class JwtSecret {
    private static final String FILE = "jwt-secret";

    private JwtSecret() {
    }

    static String of(Settings settings) {
        return settings.api().jwtSecret().orElseGet(() -> fromDataDir(settings.dataDir()));
    }

    private static String fromDataDir(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[48];
            new SecureRandom().nextBytes(key);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
            try {
                Files.writeString(file, secret, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the data directory's own permissions protect it.
                }
                return secret;
            } catch (FileAlreadyExistsException e) {
                // Another instance on the same data directory made it a moment ago: use theirs.
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file + " (set JWT_SECRET instead)", e);
        }
    }
}
