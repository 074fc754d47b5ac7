package com.sendline.fakes.graphapi;

import java.time.Duration;

/** One answer of the fake: an HTTP status, a JSON body and, for some errors, a {@code Retry-After}. */
record GraphResponse(int status, String json, Duration retryAfter, int graphCode) {

    static GraphResponse ok(String json) {
        return new GraphResponse(200, json, null, 0);
    }
}
