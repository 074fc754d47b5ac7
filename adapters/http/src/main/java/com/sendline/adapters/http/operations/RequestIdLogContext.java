package com.sendline.adapters.http.operations;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

/**
 * Puts a request's correlation id into the logging MDC on every thread that works on the request, and takes it away
 * again when the thread moves on. Micronaut's own {@code MdcPropagationContext} carries a whole MDC map and replaces
 * the thread's map wholesale at every hop (a copy out and a copy in, some fifteen times a request: 4-5 % of the
 * partner API's CPU in a profile); this touches one key.
 */
record RequestIdLogContext(String requestId) implements ThreadPropagatedContextElement<String> {

    @Override
    public String updateThreadContext() {
        String previous = MDC.get(RequestIds.MDC_KEY);
        MDC.put(RequestIds.MDC_KEY, requestId);
        return previous;
    }

    @Override
    public void restoreThreadContext(String previous) {
        if (previous == null) {
            MDC.remove(RequestIds.MDC_KEY);
        } else {
            MDC.put(RequestIds.MDC_KEY, previous);
        }
    }
}
