package io.tillsync.support.soak;

/** A wait in a soak's threads: an interrupt ends the run rather than being swallowed. */
public final class Pause {

    private Pause() {
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
