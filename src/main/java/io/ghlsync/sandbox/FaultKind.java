package io.ghlsync.sandbox;

/**
 * The faults a sandbox can inject into its API, each under the name the control API, the command line and the
 * properties use. At most one of the rate-driven kinds hits a request; latency comes on top of any of them.
 */
public enum FaultKind {
    /** 429 with the sandbox's rate-limit headers saying the budget is spent. */
    RATE_LIMITED("rateLimited"),
    /** 500, 502 or 503 (the plan's serverErrorStatuses), nothing done. */
    SERVER_ERROR("serverError"),
    /** No answer at all: the connection is held, then closed after the plan's hangMillis. */
    TIMEOUT("timeout"),
    /** The connection is closed at once, without an answer. */
    CONNECTION_RESET("connectionReset"),
    /** 200 with a truncated JSON body, nothing done. */
    MALFORMED("malformed"),
    /**
     * The request is done, then the connection is closed before the answer: what a gateway timeout after GHL wrote looks
     * like to the caller, who cannot tell it from a request never done.
     */
    LOST_ANSWER("lostAnswer"),
    /** The request's access token expires just before it is handled, so the API itself answers 401 (refreshable tokens only). */
    TOKEN_EXPIRED("tokenExpired"),
    /** The request's credential (and its installation's refresh tokens) is revoked before it is handled: 401 from then on. */
    TOKEN_REVOKED("tokenRevoked"),
    /** Every request refused with the outage status until the outage ends. */
    OUTAGE("outage"),
    /** The answer is delayed by the plan's latency (counted once per delayed request). */
    LATENCY("latency");

    private final String key;

    FaultKind(String key) {
        this.key = key;
    }

    /** The name in plans and counters, e.g. {@code rateLimited}. */
    public String key() {
        return key;
    }

    /** The kinds a plan gives a rate to (one per request at most). */
    static FaultKind[] rated() {
        return new FaultKind[] {RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION_RESET, MALFORMED, TOKEN_EXPIRED, TOKEN_REVOKED,
            LOST_ANSWER};
    }
}
