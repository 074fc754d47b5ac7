package com.sendline.bootstrap.lifecycle;

/** Start-up failures are reported as one line: the innermost cause's message, cut at its first line break. */
public final class OneLine {
    private OneLine() {
    }

    public static String of(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    public static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
