package io.tillsync.base;

/**
 * Tillsync will not start, for a reason an operator can fix: said in one sentence with what to do,
 * without a stack trace (see {@link StartRefusedAnalyzer}).
 */
public class StartRefused extends RuntimeException {

    private final String action;

    public StartRefused(String reason, String action) {
        super(reason);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
