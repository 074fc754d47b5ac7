package com.sendline.domain.session;

/** A session could not be opened. */
public final class ConnectFailure extends Exception {
    private final SessionEvents.Disconnect kind;

    public ConnectFailure(SessionEvents.Disconnect kind, String message) {
        super(message, null, false, false);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    public SessionEvents.Disconnect kind() {
        return kind;
    }
}
