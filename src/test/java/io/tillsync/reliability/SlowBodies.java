package io.tillsync.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The slow-body attack: many connections from several loopback source addresses, each announcing
 * a body and then sending it one byte a second. A connection the server cuts is opened again at
 * once, so the attack keeps {@code connections} open for as long as it runs, as an attacker would.
 * One thread trickles to every socket; one reads what the server answers, so a 408 or 413 is
 * counted as soon as it comes.
 */
public final class SlowBodies implements AutoCloseable {

    /** Where the slow bodies go: a path, the headers that make the request look right, and the announced length. */
    public record Target(String path, String headers, int contentLength, String start) {

        /** A JSON body that stays valid as far as it goes: a string that never ends, so a streaming parser waits too. */
        public static Target json(String path, String authorization, int contentLength) {
            return new Target(path, "Content-Type: application/json\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n"), contentLength, "{\"pairing_code\":\"");
        }

        public static Target form(String path, int contentLength) {
            return new Target(path, "Content-Type: application/x-www-form-urlencoded\r\n", contentLength, "username=");
        }
    }

    private final String host;
    private final int port;
    private final List<InetAddress> sources;
    private final List<Target> targets;
    private final int connections;
    private final List<Slow> open = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder opened = new LongAdder();
    private final LongAdder refusedToConnect = new LongAdder();
    private final LongAdder cutByServer = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final List<Long> secondsToCut = java.util.Collections.synchronizedList(new ArrayList<>());
    private Thread trickler;

    private final class Slow {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        final long openedAt = System.nanoTime();
        final byte[] answer = new byte[64];
        int answerLength;
        boolean done;

        Slow(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
        }
    }

    public SlowBodies(String host, int port, List<InetAddress> sources, List<Target> targets, int connections) {
        this.host = host;
        this.port = port;
        this.sources = sources;
        this.targets = targets;
        this.connections = connections;
    }

    /** 127.0.0.2 … 127.0.0.(1 + n): loopback addresses a test may bind to as if they were other machines. */
    public static List<InetAddress> loopbackSources(int n) {
        List<InetAddress> sources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                sources.add(InetAddress.getByAddress(new byte[]{127, 0, 0, (byte) (2 + i)}));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return sources;
    }

    public SlowBodies start() {
        for (int i = 0; i < connections; i++) {
            Slow s = connect(i);
            if (s != null) {
                open.add(s);
            }
        }
        trickler = Thread.ofPlatform().daemon().name("slow-bodies").start(this::trickle);
        return this;
    }

    private Slow connect(int i) {
        InetAddress from = sources.get(i % sources.size());
        Target target = targets.get(next.getAndIncrement() % targets.size());
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(1);
            Slow s = new Slow(socket);
            s.out.write(("POST " + target.path() + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + target.headers()
                    + "Content-Length: " + target.contentLength() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.out.write(target.start().getBytes(StandardCharsets.ISO_8859_1));
            s.out.flush();
            opened.increment();
            return s;
        } catch (IOException e) {
            refusedToConnect.increment();
            closeQuietly(socket);
            return null;
        }
    }

    /** Once a second: one more byte to every open connection; read what the server said; replace the cut ones. */
    private void trickle() {
        while (running.get()) {
            long round = System.nanoTime();
            synchronized (open) {
                for (int i = 0; i < open.size(); i++) {
                    Slow s = open.get(i);
                    if (s == null || s.done) {
                        if (running.get()) {
                            open.set(i, connect(i));
                        }
                        continue;
                    }
                    readAnswer(s);
                    if (s.done) {
                        continue;
                    }
                    try {
                        s.out.write('A');
                        s.out.flush();
                        bytesSent.increment();
                    } catch (IOException e) {
                        cut(s, "reset");
                    }
                }
            }
            long sleep = 1_000 - Duration.ofNanos(System.nanoTime() - round).toMillis();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void readAnswer(Slow s) {
        try {
            int n = s.in.read(s.answer, s.answerLength, s.answer.length - s.answerLength);
            if (n < 0) {
                cut(s, s.answerLength >= 12 ? status(s) : "closed");
                return;
            }
            s.answerLength += n;
            if (s.answerLength >= 12) {
                cut(s, status(s));
            }
        } catch (java.net.SocketTimeoutException nothingYet) {
            // the server is still waiting for the body
        } catch (IOException e) {
            cut(s, "reset");
        }
    }

    private static String status(Slow s) {
        return new String(s.answer, 9, 3, StandardCharsets.ISO_8859_1);
    }

    private void cut(Slow s, String how) {
        s.done = true;
        cutByServer.increment();
        answers.computeIfAbsent(how, k -> new LongAdder()).increment();
        secondsToCut.add(Duration.ofNanos(System.nanoTime() - s.openedAt).toSeconds());
        closeQuietly(s.socket);
    }

    public long opened() {
        return opened.sum();
    }

    public long cut() {
        return cutByServer.sum();
    }

    public long refusedToConnect() {
        return refusedToConnect.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    /** How the server ended the slow connections: the HTTP status it answered, or "closed" / "reset". */
    public Map<String, Long> answers() {
        Map<String, Long> m = new TreeMap<>();
        answers.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** The longest a slow connection stayed open before the server ended it, in seconds. */
    public long longestSecondsToCut() {
        synchronized (secondsToCut) {
            return secondsToCut.stream().mapToLong(Long::longValue).max().orElse(-1);
        }
    }

    @Override
    public void close() {
        running.set(false);
        if (trickler != null) {
            trickler.interrupt();
            try {
                trickler.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (open) {
            open.stream().filter(java.util.Objects::nonNull).forEach(s -> closeQuietly(s.socket));
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing an attacker's socket
        }
    }
}
