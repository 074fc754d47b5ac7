package com.sendline.adapters.crypto;

import com.sendline.domain.tenancy.PasswordHash;
import com.sendline.domain.tenancy.PasswordHasher;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hashes passwords with Argon2id (RFC 9106), the winner of the Password Hashing Competition and OWASP's first
 * choice: it is memory-hard, so guessing on GPUs or ASICs costs memory as well as time, and the "id" variant
 * resists both side-channel and trade-off attacks. The defaults are OWASP's minimum (19 MiB, 2 passes, 1 lane),
 * which keeps a sign-in well under a tenth of a second on one core while still costing an attacker dearly.
 *
 * <p>Hashes are kept in the PHC string format that the reference implementation and the common Argon2 libraries
 * write and read, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, so the stored form carries its own
 * parameters: raising the defaults later leaves existing hashes verifiable, and {@link #needsRehash} tells when to
 * replace one at the next successful sign-in.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
    public static final int DEFAULT_MEMORY_KIB = 19_456;
    public static final int DEFAULT_ITERATIONS = 2;
    public static final int DEFAULT_PARALLELISM = 1;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    // Upper bounds far above any published recommendation. They exist because matches() takes its cost from the
    // stored string: a corrupted or planted row must not be able to exhaust the heap or hold a thread for minutes.
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 32;
    private static final int MAX_PARALLELISM = 16;
    // RFC 9106 allows 8-byte salts and 4-byte tags. A stored tag shorter than 16 bytes is read as damage rather than
    // verified, because comparing a few bytes would let many wrong passwords through.
    private static final int MIN_SALT_BYTES = 8;
    private static final int MAX_SALT_BYTES = 64;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_HASH_BYTES = 64;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,10})"
                    + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param memoryKiB   memory per hash in KiB, at least 8 per lane (Argon2's own minimum)
     * @param iterations  passes over that memory, at least 1
     * @param parallelism lanes, at least 1
     */
    public Argon2PasswordHasher(int memoryKiB, int iterations, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1-" + MAX_PARALLELISM + ": " + parallelism);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1-" + MAX_ITERATIONS + ": " + iterations);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException(
                    "memory must be " + 8 * parallelism + "-" + MAX_MEMORY_KIB + " KiB for " + parallelism
                            + " lane(s): " + memoryKiB);
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /** OWASP's recommended minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    public static Argon2PasswordHasher owaspDefaults() {
        return new Argon2PasswordHasher(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }

    /**
     * Leaves {@code password} as it is: the caller owns the array and decides when to wipe it.
     *
     * @throws IllegalArgumentException when the password holds an unpaired surrogate, which has no UTF-8 form
     */
    @Override
    public PasswordHash hash(char[] password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] secret = utf8(password);
        if (secret == null) {
            throw new IllegalArgumentException("password is not valid Unicode");
        }
        byte[] hash = new byte[HASH_BYTES];
        try {
            derive(secret, salt, memoryKiB, iterations, parallelism, hash);
            return new PasswordHash("$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                    + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash));
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(hash, (byte) 0);
        }
    }

    @Override
    public boolean matches(char[] password, PasswordHash hash) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(hash, "password hash");
        Stored stored = Stored.parse(hash.encoded());
        if (stored == null) {
            return false;
        }
        byte[] secret = utf8(password);
        if (secret == null) {
            return false;
        }
        byte[] candidate = new byte[stored.hash.length];
        try {
            derive(secret, stored.salt, stored.memoryKiB, stored.iterations, stored.parallelism, candidate);
            return MessageDigest.isEqual(candidate, stored.hash);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(candidate, (byte) 0);
        }
    }

    /**
     * True when the stored hash is cheaper to attack than one this hasher would make now, so it should be replaced
     * while the plain password is at hand (right after a successful sign-in). Lanes are not compared: they divide
     * the same memory and passes, so they change how fast a hash is made, not how much a guess costs.
     */
    public boolean needsRehash(PasswordHash hash) {
        Objects.requireNonNull(hash, "password hash");
        Stored stored = Stored.parse(hash.encoded());
        return stored == null
                || stored.memoryKiB < memoryKiB
                || stored.iterations < iterations
                || stored.salt.length < SALT_BYTES
                || stored.hash.length < HASH_BYTES;
    }

    private static void derive(byte[] secret, byte[] salt, int memoryKiB, int iterations, int parallelism,
                               byte[] out) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        generator.generateBytes(secret, out);
    }

    /**
     * UTF-8, as the reference CLI and other libraries encode passwords, without going through a String that would
     * linger on the heap. Returns null for an unpaired surrogate: replacing it with '?' would make different
     * passwords hash alike.
     */
    private static byte[] utf8(char[] password) {
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(password));
        } catch (CharacterCodingException e) {
            return null;
        }
        byte[] backing = encoded.array();
        try {
            return Arrays.copyOfRange(backing, encoded.arrayOffset() + encoded.position(),
                    encoded.arrayOffset() + encoded.limit());
        } finally {
            // The encoder's buffer is larger than its contents and is never handed out, so nobody else wipes it.
            Arrays.fill(backing, (byte) 0);
        }
    }

    private record Stored(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
        /** Null rather than an exception: a foreign or damaged string is a failed sign-in, not a server error. */
        static Stored parse(String encoded) {
            Matcher m = PHC.matcher(encoded);
            if (!m.matches()) {
                return null;
            }
            long memory = Long.parseLong(m.group(1));
            long iterations = Long.parseLong(m.group(2));
            long parallelism = Long.parseLong(m.group(3));
            if (parallelism < 1 || parallelism > MAX_PARALLELISM
                    || iterations < 1 || iterations > MAX_ITERATIONS
                    || memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
                return null;
            }
            byte[] salt;
            byte[] hash;
            try {
                salt = B64_DECODER.decode(m.group(4));
                hash = B64_DECODER.decode(m.group(5));
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES
                    || hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
                return null;
            }
            return new Stored((int) memory, (int) iterations, (int) parallelism, salt, hash);
        }
    }
}
