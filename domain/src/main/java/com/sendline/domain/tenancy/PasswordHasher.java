package com.sendline.domain.tenancy;

/** Turns passwords into slow, salted hashes and checks them, in constant time. */
public interface PasswordHasher {
    PasswordHash hash(char[] password);

    boolean matches(char[] password, PasswordHash hash);
}
