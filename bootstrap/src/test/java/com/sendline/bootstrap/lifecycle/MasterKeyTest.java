package com.sendline.bootstrap.lifecycle;

import com.sendline.adapters.crypto.TinkSecretSealer;
import com.sendline.bootstrap.config.ConfigurationError;
import com.sendline.bootstrap.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyTest {
    private static final String HERE = "cloud_numbers/1/access_token";

    @Test
    void unset_a_keyset_is_made_once_owner_only_and_reused_after_a_restart(@TempDir Path dataDir) throws Exception {
        Settings settings = Settings.from(Map.of("SENDLINE_DATA_DIR", dataDir.resolve("data").toString()));

        String sealed = MasterKey.sealer(settings).seal("token", HERE);

        Path file = dataDir.resolve("data").resolve("master-key.json");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String keyset = Files.readString(file);
        assertThat(MasterKey.sealer(settings).open(sealed, HERE)).as("the restart reads the same keyset")
                .isEqualTo("token");
        assertThat(Files.readString(file)).isEqualTo(keyset);
    }

    @Test
    void set_the_variable_wins_and_no_file_is_made(@TempDir Path dataDir) {
        String keyset = TinkSecretSealer.newKeysetJson();
        String sealed = TinkSecretSealer.fromKeysetJson(keyset).seal("token", HERE);
        Settings settings = Settings.from(Map.of("SENDLINE_DATA_DIR", dataDir.toString(),
                "SENDLINE_MASTER_KEY", Base64.getEncoder().encodeToString(keyset.getBytes(StandardCharsets.UTF_8))));

        assertThat(MasterKey.sealer(settings).open(sealed, HERE)).isEqualTo("token");
        assertThat(dataDir.resolve("master-key.json")).doesNotExist();
    }

    @Test
    void a_damaged_key_file_stops_start_up_rather_than_being_replaced(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve("master-key.json"), "{\"primaryKeyId\": 1, \"key\": [");
        Settings settings = Settings.from(Map.of("SENDLINE_DATA_DIR", dataDir.toString()));

        assertThatThrownBy(() -> MasterKey.sealer(settings)).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("master-key.json").hasMessageContaining("SENDLINE_MASTER_KEY");
        assertThat(Files.readString(dataDir.resolve("master-key.json"))).startsWith("{\"primaryKeyId\": 1");
    }
}
