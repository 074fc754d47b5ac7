package com.sendline.adapters.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.sendline.domain.crypto.SecretSealer;
import com.sendline.domain.crypto.UnreadableSecret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TinkSecretSealerTest {
    private static final String TOKEN = "EAAG-access-token-4711";
    private static final String HERE = SecretSealer.context("cloud_numbers", "device-1", "access_token");

    private final String keyset = TinkSecretSealer.newKeysetJson();
    private final TinkSecretSealer sealer = TinkSecretSealer.fromKeysetJson(keyset);

    @Test
    void text_opens_to_what_was_sealed_and_is_prefixed_and_unreadable() {
        String sealed = sealer.seal(TOKEN, HERE);

        assertThat(sealed).startsWith("sealed:v1:").doesNotContain(TOKEN).doesNotContain("4711");
        assertThat(sealer.open(sealed, HERE)).isEqualTo(TOKEN);
        assertThat(sealer.seal(TOKEN, HERE)).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void bytes_open_to_what_was_sealed() {
        byte[] keys = {0x0a, 0x20, 1, 2, 3, (byte) 0xff};
        byte[] sealed = sealer.seal(keys, HERE);

        assertThat(new String(sealed, 0, 10, StandardCharsets.US_ASCII)).isEqualTo("sealed:v1:");
        assertThat(SecretSealer.isSealed(sealed)).isTrue();
        assertThat(sealer.open(sealed, HERE)).isEqualTo(keys);
        assertThat(sealer.open(new byte[0], HERE)).as("legacy empty bytes").isEmpty();
    }

    @Test
    void a_sealed_value_does_not_open_in_another_place() {
        String sealed = sealer.seal(TOKEN, HERE);
        byte[] sealedBytes = sealer.seal(new byte[]{1, 2, 3}, HERE);
        String otherRow = SecretSealer.context("cloud_numbers", "device-2", "access_token");
        String otherColumn = SecretSealer.context("cloud_numbers", "device-1", "app_secret");

        assertThatThrownBy(() -> sealer.open(sealed, otherRow)).isInstanceOf(UnreadableSecret.class)
                .hasMessageContaining(otherRow).hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> sealer.open(sealed, otherColumn)).isInstanceOf(UnreadableSecret.class);
        assertThatThrownBy(() -> sealer.open(sealedBytes, otherRow)).isInstanceOf(UnreadableSecret.class);
    }

    @Test
    void a_sealed_value_does_not_open_under_another_keyset() {
        String sealed = sealer.seal(TOKEN, HERE);
        TinkSecretSealer other = TinkSecretSealer.fromKeysetJson(TinkSecretSealer.newKeysetJson());

        assertThatThrownBy(() -> other.open(sealed, HERE)).isInstanceOf(UnreadableSecret.class);
    }

    @Test
    void damaged_values_do_not_open() {
        String sealed = sealer.seal(TOKEN, HERE);
        char last = sealed.charAt(sealed.length() - 2);
        String flipped = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);

        assertThatThrownBy(() -> sealer.open(flipped, HERE)).isInstanceOf(UnreadableSecret.class);
        assertThatThrownBy(() -> sealer.open("sealed:v1:%%%", HERE)).isInstanceOf(UnreadableSecret.class);
    }

    @Test
    void a_value_without_the_prefix_is_a_legacy_plain_value_and_opens_as_it_is() {
        assertThat(sealer.open("whsec_legacy", HERE)).isEqualTo("whsec_legacy");
        assertThat(sealer.open(new byte[]{7, 8}, HERE)).containsExactly(7, 8);
    }

    @Test
    void after_rotation_new_values_use_the_new_key_and_old_ones_still_open() {
        String old = sealer.seal(TOKEN, HERE);
        TinkSecretSealer rotated = TinkSecretSealer.fromKeysetJson(TinkSecretSealer.rotatedKeysetJson(keyset));

        assertThat(rotated.open(old, HERE)).isEqualTo(TOKEN);
        String fresh = rotated.seal(TOKEN, HERE);
        assertThat(rotated.open(fresh, HERE)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> sealer.open(fresh, HERE))
                .as("the old keyset lacks the new primary key, so the new one really sealed it")
                .isInstanceOf(UnreadableSecret.class);
    }

    @Test
    void only_a_json_keyset_with_an_aes_256_gcm_primary_is_accepted() throws Exception {
        assertThatThrownBy(() -> TinkSecretSealer.fromKeysetJson("{\"not\": \"a keyset\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Tink keyset");
        assertThatThrownBy(() -> TinkSecretSealer.fromKeysetJson("garbage"))
                .isInstanceOf(IllegalArgumentException.class);
        String aes128 = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM), InsecureSecretKeyAccess.get());
        assertThatThrownBy(() -> TinkSecretSealer.fromKeysetJson(aes128))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AES256_GCM");
        String chacha = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.XCHACHA20_POLY1305), InsecureSecretKeyAccess.get());
        assertThatThrownBy(() -> TinkSecretSealer.fromKeysetJson(chacha))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("keyValue");
    }

    @Test
    void nothing_about_the_key_is_printed() {
        assertThat(sealer.toString()).doesNotContain("keyValue").doesNotContain(keyset);
    }
}
