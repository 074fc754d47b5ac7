package com.sendline.fakes.graphapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fake's one Jackson mapper, with parse and write buffers recycled across threads: Jackson's default recycles
 * per thread, and the fake shares the load benchmarks' JVM, whose garbage it would otherwise add to.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build());

    private Json() {
    }
}
