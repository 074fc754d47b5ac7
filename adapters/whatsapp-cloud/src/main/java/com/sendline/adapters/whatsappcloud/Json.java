package com.sendline.adapters.whatsappcloud;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The adapter's one Jackson mapper. Jackson recycles its 8-16 KB parse and write buffers per thread by default, and
 * every send and every webhook runs on a fresh virtual thread, so nothing was ever recycled: the buffers were about
 * 30 % of all the bytes the throttle benchmark allocated (JFR). A pool shared by all threads recycles them.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build());

    private Json() {
    }
}
