package com.sendline.bootstrap.lifecycle;

import com.sendline.adapters.crypto.TinkSecretSealer;
import com.sendline.bootstrap.config.ConfigurationError;
import com.sendline.bootstrap.config.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The keyset that seals secrets at rest: SENDLINE_MASTER_KEY when set; otherwise a new AES-256-GCM keyset made once
 * and kept in {@code <data dir>/master-key.json} (owner-only), so a single-instance installation keeps reading its
 * secrets after a restart — exactly as {@link JwtSecret} does for the token key. Several instances must share
 * SENDLINE_MASTER_KEY, or each seals what the others cannot open. Losing the keyset loses the secrets.
 */
public final class MasterKey {
    static final String FILE = "master-key.json";

    private MasterKey() {
    }

    public static TinkSecretSealer sealer(Settings settings) {
        if (settings.secrets().masterKeyJson().isPresent()) {
            return TinkSecretSealer.fromKeysetJson(settings.secrets().masterKeyJson().get());
        }
        Path file = settings.dataDir().resolve(FILE);
        try {
            return TinkSecretSealer.fromKeysetJson(fromDataDir(settings.dataDir(), file));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(file + " " + e.getMessage() + " (restore it from a backup, or set"
                    + " SENDLINE_MASTER_KEY)");
        }
    }

    private static String fromDataDir(Path dataDir, Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            Files.createDirectories(dataDir);
            String keyset = TinkSecretSealer.newKeysetJson();
            try {
                // Created owner-only from the start: written first and narrowed after, the key would be readable
                // by others for a moment.
                Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))), keyset, StandardCharsets.UTF_8,
                        StandardOpenOption.WRITE);
                return keyset;
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the data directory's own permissions protect it.
                Files.writeString(file, keyset, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return keyset;
            } catch (FileAlreadyExistsException e) {
                // Another instance on the same data directory made it a moment ago: use theirs.
                return Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file + " (set SENDLINE_MASTER_KEY instead)", e);
        }
    }
}
