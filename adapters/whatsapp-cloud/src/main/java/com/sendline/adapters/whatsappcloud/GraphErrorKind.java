package com.sendline.adapters.whatsappcloud;

/** What a Graph error means for the send and for the number. */
enum GraphErrorKind {
    /** 130429: the number's throughput was exceeded; back off briefly and try again. */
    THROUGHPUT,
    /** 131056: too many messages to this one recipient; only the recipient must wait (about 6 s). */
    PAIR_RATE_LIMIT,
    /** 131048 spam rate limit, 80007 account rate limit: the number must pause, a person must look. */
    NUMBER_RESTRICTED,
    /** 190: the token is expired or revoked; nothing sends from the number until someone replaces it. */
    TOKEN_INVALID,
    /** A server error (5xx) or HTTP 429: Meta's trouble, likely gone in a moment. */
    TRANSIENT,
    /** Anything else: this message will never go as it is (bad number, bad template, bad parameter). */
    REJECTED;

    static final int CODE_THROUGHPUT = 130429;
    static final int CODE_PAIR_RATE_LIMIT = 131056;
    static final int CODE_SPAM_RATE_LIMIT = 131048;
    static final int CODE_ACCOUNT_RATE_LIMIT = 80007;
    static final int CODE_ACCESS_TOKEN = 190;

    static GraphErrorKind of(GraphError error) {
        return switch (error.code()) {
            case CODE_THROUGHPUT -> THROUGHPUT;
            case CODE_PAIR_RATE_LIMIT -> PAIR_RATE_LIMIT;
            case CODE_SPAM_RATE_LIMIT, CODE_ACCOUNT_RATE_LIMIT -> NUMBER_RESTRICTED;
            case CODE_ACCESS_TOKEN -> TOKEN_INVALID;
            default -> error.httpStatus() >= 500 || error.httpStatus() == 429 ? TRANSIENT : REJECTED;
        };
    }
}
