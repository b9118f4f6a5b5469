package io.tillsync.base;

/**
 * A decision made on data read without locks no longer holds when its work is about to commit:
 * the transaction rolls back and {@link RetriedTransactions} runs the work again at once, this time
 * taking its locks first. Thrown without a stack trace: it is expected and costs nothing to read.
 */
public class TryAgainAtOnce extends RuntimeException {

    public TryAgainAtOnce(String why) {
        super(why, null, false, false);
    }
}
