package com.sendline.adapters.whatsappcloud;

import java.net.URI;
import java.util.Objects;

/**
 * One send's call to the messages endpoint, ready to go: built before the send waits for its turn, so it leaves
 * the moment the turn comes, and made again as it is when the send is retried.
 *
 * @param authorization the whole {@code Authorization} header value; never printed
 */
record GraphCall(URI uri, String authorization, byte[] body) {
    GraphCall {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(body, "body");
    }

    @Override
    public String toString() {
        return "GraphCall[POST " + uri + ", " + body.length + " bytes]";
    }
}
