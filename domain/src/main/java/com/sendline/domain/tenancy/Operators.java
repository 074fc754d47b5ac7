package com.sendline.domain.tenancy;

import java.util.Optional;

/** The installation's operator record. */
public interface Operators {
    Optional<Operator> find();

    void save(Operator operator);
}
