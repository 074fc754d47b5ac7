package com.sendline.application.worker;

/** One of the worker's background loops. */
public interface Loop {
    String name();

    void start();

    /** Stops taking new work, lets the current step finish, and returns once the loop has ended. */
    void stop();
}
