package com.sendline.domain.inbound;

/** What a delivery receipt did to the message it names. */
public enum ReceiptOutcome {
    /** The message moved forward. */
    APPLIED,
    /** The message was already there or further along (receipts arrive out of order): nothing changed. */
    STALE,
    /** The message is still being sent here: the receipt overtook our own record of the send. Try again shortly. */
    NOT_YET_RECORDED,
    /** No message of this business has that id: not sent through Sendline. */
    UNKNOWN_MESSAGE
}
