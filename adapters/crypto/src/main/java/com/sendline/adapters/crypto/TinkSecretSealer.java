package com.sendline.adapters.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.sendline.domain.crypto.SecretSealer;
import com.sendline.domain.crypto.UnreadableSecret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Seals secrets with Tink's AEAD primitive under a keyset whose primary key is AES-256-GCM. Each ciphertext carries
 * the 5-byte id of the key that made it (Tink's TINK output prefix), so a keyset with a new primary key seals with
 * that key and still opens everything the older keys sealed: rotation is "add a key, make it primary", and removing
 * an old key is safe only once nothing sealed with it is left. The context is the AEAD's associated data.
 *
 * <p>Text is sealed as {@code sealed:v1:} and the standard Base64 of the ciphertext; bytes as the ASCII bytes of
 * {@code sealed:v1:} followed by the ciphertext. The keyset is held only inside Tink's handle; {@link #toString}
 * says nothing about it.
 */
public final class TinkSecretSealer implements SecretSealer {
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aead aead;

    private TinkSecretSealer(Aead aead) {
        this.aead = aead;
    }

    /**
     * A sealer for a keyset in Tink's JSON keyset format (plaintext keys, as {@code tinkey create-keyset
     * --key-template AES256_GCM --out-format json} writes it).
     *
     * @throws IllegalArgumentException when the text is not such a keyset or its primary key is not AES-256-GCM;
     *                                  the message never repeats the text
     */
    public static TinkSecretSealer fromKeysetJson(String json) {
        Objects.requireNonNull(json, "keyset");
        KeysetHandle handle;
        try {
            handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("is not a Tink keyset in JSON");
        }
        if (!(handle.getPrimary().getKey().getParameters() instanceof AesGcmParameters p) || p.getKeySizeBytes() != 32) {
            throw new IllegalArgumentException("must have an AES256_GCM primary key (got "
                    + handle.getPrimary().getKey().getParameters() + ")");
        }
        try {
            return new TinkSecretSealer(handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("holds a key that is not an AEAD key");
        }
    }

    /** A new keyset with one AES-256-GCM key, in Tink's JSON keyset format. */
    public static String newKeysetJson() {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not make an AES-256-GCM key", e);
        }
    }

    /**
     * The keyset with a new AES-256-GCM key added as its primary: what {@code tinkey add-key} followed by
     * {@code tinkey promote-key} does. The older keys stay, so what they sealed still opens.
     */
    public static String rotatedKeysetJson(String json) {
        try {
            KeysetHandle old = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            KeysetHandle rotated = KeysetHandle.newBuilder(old)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            return TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("is not a Tink keyset in JSON");
        }
    }

    @Override
    public String seal(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        return PREFIX + Base64.getEncoder().encodeToString(encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                context));
    }

    @Override
    public String open(String stored, String context) {
        Objects.requireNonNull(stored, "stored");
        if (!SecretSealer.isSealed(stored)) {
            return stored;
        }
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecret(context, "not Base64 after the prefix");
        }
        return new String(decrypt(ciphertext, context), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] seal(byte[] plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] ciphertext = encrypt(plaintext, context);
        byte[] out = Arrays.copyOf(PREFIX_BYTES, PREFIX_BYTES.length + ciphertext.length);
        System.arraycopy(ciphertext, 0, out, PREFIX_BYTES.length, ciphertext.length);
        return out;
    }

    @Override
    public byte[] open(byte[] stored, String context) {
        Objects.requireNonNull(stored, "stored");
        if (!SecretSealer.isSealed(stored)) {
            return stored;
        }
        return decrypt(Arrays.copyOfRange(stored, PREFIX_BYTES.length, stored.length), context);
    }

    private byte[] encrypt(byte[] plaintext, String context) {
        try {
            return aead.encrypt(plaintext, associatedData(context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing the secret at " + context + " failed", e);
        }
    }

    private byte[] decrypt(byte[] ciphertext, String context) {
        try {
            return aead.decrypt(ciphertext, associatedData(context));
        } catch (GeneralSecurityException e) {
            // Tink does not say which: no key with that id, or the tag did not verify (other context, damage).
            throw new UnreadableSecret(context, "sealed for another place or with a key the keyset does"
                    + " not hold, or damaged");
        }
    }

    private static byte[] associatedData(String context) {
        Objects.requireNonNull(context, "context");
        return context.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TinkSecretSealer[AES-256-GCM]";
    }
}
