package com.sendline.domain.apiaccess;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * How often one client address may exchange API keys for tokens, shared by every instance. Before a key is known
 * nothing else limits the exchange, so without this anyone could make the installation look keys up as fast as
 * it can answer — guessing, or simply loading the database.
 */
public interface TokenRequestLimit {
    /**
     * Counts one token request from the address, without blocking the caller. @return {@link Duration#ZERO} when
     * it may go ahead, otherwise how long the address should wait before its next request would be admitted
     */
    CompletionStage<Duration> admit(String clientAddress);
}
