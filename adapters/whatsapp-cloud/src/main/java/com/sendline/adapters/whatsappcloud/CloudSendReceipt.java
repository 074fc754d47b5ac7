package com.sendline.adapters.whatsappcloud;

import java.time.Duration;

/**
 * A send Meta took.
 *
 * @param throttleWait how long the send waited for the per-number throttle, all tries together
 * @param attempts     HTTP calls it took, retries included
 */
public record CloudSendReceipt(String wamid, Duration throttleWait, int attempts) {
}
