package com.sendline.adapters.whatsappcloud;

import java.util.Objects;

/** Meta answered, and the answer was an error. */
public final class GraphException extends Exception {
    private final transient GraphError error;

    public GraphException(GraphError error) {
        super("Graph API answered HTTP " + error.httpStatus() + " code " + error.code() + ": " + error.describe(),
                null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    public GraphError error() {
        return error;
    }
}
