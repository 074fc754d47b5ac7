package com.sendline.domain.tenancy;

/** A unique name (slug, custom domain, sign-in e-mail) that someone else already holds. */
public final class AlreadyTaken extends RuntimeException {
    private final String what;

    public AlreadyTaken(String what, String value) {
        super(what + " '" + value + "' is already taken");
        this.what = what;
    }

    /** Which kind of name clashed, e.g. {@code slug} or {@code domain}. */
    public String what() {
        return what;
    }
}
