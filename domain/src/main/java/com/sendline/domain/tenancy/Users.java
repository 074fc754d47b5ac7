package com.sendline.domain.tenancy;

import java.util.Optional;

/** People who sign in. An e-mail address identifies one user across the whole installation. */
public interface Users {
    /** @throws AlreadyTaken when the e-mail address is in use */
    void add(User user);

    Optional<User> findByEmail(EmailAddress email);

    long count();
}
