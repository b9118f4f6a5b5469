package io.tillsync.base.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a request body whole, as long as it stays within its limit, arrives fast enough and the
 * server has room to hold it. Time counts from the first byte asked for: a body may take
 * {@code grace} whatever its size, plus one second for each {@code minRate} bytes it brings, and
 * never more than {@code maxTime}. The check is made each time a read returns; a read that hangs
 * is ended by the container's socket read timeout ({@code server.tomcat.connection-timeout}).
 */
final class BodyReader {

    /** Why a body was not taken. */
    enum Verdict { TOO_LARGE, TOO_SLOW, NO_ROOM, BROKEN }

    static final class Refused extends Exception {
        final Verdict verdict;

        Refused(Verdict verdict) {
            super(verdict.name(), null, false, false);
            this.verdict = verdict;
        }
    }

    /** The memory all bodies being read at once may hold, taken as their bytes arrive. */
    static final class Budget {
        private final AtomicLong free;

        Budget(long bytes) {
            this.free = new AtomicLong(bytes);
        }

        boolean take(long bytes) {
            long left = free.addAndGet(-bytes);
            if (left < 0) {
                free.addAndGet(bytes);
                return false;
            }
            return true;
        }

        void give(long bytes) {
            free.addAndGet(bytes);
        }

        long free() {
            return free.get();
        }
    }

    private static final int CHUNK = 16 * 1024;

    private final long graceNanos;
    private final double minBytesPerNano;
    private final long maxNanos;
    private final Budget budget;

    BodyReader(EdgeSettings settings, Budget budget) {
        this.graceNanos = settings.bodyGrace().toNanos();
        this.minBytesPerNano = settings.minBodyRate().toBytes() / 1e9;
        this.maxNanos = settings.maxBodyTime().toNanos();
        this.budget = budget;
    }

    /** One body being read: what it has taken from the budget is given back by {@link #close}. */
    final class Reading implements AutoCloseable {
        private final long started = System.nanoTime();
        private long held;
        private long read;

        byte[] readAll(InputStream in, long declared, long limit) throws Refused {
            if (declared > limit) {
                throw new Refused(Verdict.TOO_LARGE);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 0), CHUNK));
            byte[] chunk = new byte[(int) Math.min(CHUNK, limit + 1)];
            while (true) {
                int want = (int) Math.min(chunk.length, limit + 1 - read);
                if (!budget.take(want)) {
                    throw new Refused(Verdict.NO_ROOM);
                }
                held += want;
                int n;
                try {
                    n = in.read(chunk, 0, want);
                } catch (IOException e) {
                    throw new Refused(Verdict.BROKEN);
                }
                if (n < 0) {
                    return body.toByteArray();
                }
                read += n;
                body.write(chunk, 0, n);
                if (read > limit) {
                    throw new Refused(Verdict.TOO_LARGE);
                }
                // what this read did not fill goes back at once: the budget counts bytes held, not asked for
                budget.give(want - n);
                held -= want - n;
                checkPace();
            }
        }

        /**
         * Reads and drops what is left of a refused body, at the same pace rules, up to {@code max}
         * bytes: true when the body ended (the connection can serve the next request), false when
         * it is better closed.
         */
        boolean drain(InputStream in, long max) {
            byte[] scratch = new byte[CHUNK];
            long dropped = 0;
            try {
                while (dropped <= max) {
                    int n = in.read(scratch);
                    if (n < 0) {
                        return true;
                    }
                    dropped += n;
                    read += n;
                    checkPace();
                }
            } catch (IOException | Refused e) {
                return false;
            }
            return false;
        }

        private void checkPace() throws Refused {
            long elapsed = System.nanoTime() - started;
            if (elapsed > Math.min(maxNanos, graceNanos + (long) (read / minBytesPerNano))) {
                throw new Refused(Verdict.TOO_SLOW);
            }
        }

        @Override
        public void close() {
            budget.give(held);
            held = 0;
        }
    }

    Reading start() {
        return new Reading();
    }
}
