package com.sendline.adapters.simulator;

/** Undoes a registration; unlike {@link AutoCloseable} it throws nothing, so try-with-resources needs no catch. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    @Override
    void close();
}
