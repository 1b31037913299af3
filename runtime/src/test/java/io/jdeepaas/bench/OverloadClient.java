package io.jdeepaas.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load generator of {@code bench/run.sh}'s overload figures, a separate process: a fixed number
 * of connections (one thread each, HTTP/1.1 keep-alive over plain sockets) POST the same JSON body
 * back to back. Unlike {@code wrk} it keeps each answer's status with its latency, so it can report
 * the latency of the accepted (2xx) answers apart from the quick 429s.
 *
 * <p>Arguments: {@code url jsonBody connections warmUpSeconds seconds}. Prints {@code key value}
 * lines: answers by status, socket errors and timeouts (a read waits at most 30 s), and latency
 * percentiles in milliseconds of the accepted answers and of all answers.
 */
public final class OverloadClient {

    private static final int READ_TIMEOUT_MS = 30_000;

    private OverloadClient() {
    }

    /** What one connection saw while recording. */
    private static final class Tally {
        final Map<Integer, Integer> statuses = new TreeMap<>();
        final List<Long> accepted = new ArrayList<>();
        final List<Long> all = new ArrayList<>();
        int errors;
        int timeouts;
    }

    /**
     * @param args url, JSON body, connections, warm-up seconds, recorded seconds
     * @throws Exception when interrupted
     */
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        byte[] body = args[1].getBytes(StandardCharsets.UTF_8);
        int connections = Integer.parseInt(args[2]);
        long start = System.nanoTime();
        long recordFrom = start + (long) (Double.parseDouble(args[3]) * 1e9);
        long recordUntil = recordFrom + (long) (Double.parseDouble(args[4]) * 1e9);
        byte[] head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        List<Tally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Tally tally = new Tally();
            tallies.add(tally);
            threads.add(new Thread(() -> drive(url, request, recordFrom, recordUntil, tally), "load-" + i));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        report(tallies, (recordUntil - recordFrom) / 1e9);
    }

    private static void drive(URI url, byte[] request, long recordFrom, long recordUntil, Tally tally) {
        Socket socket = null;
        InputStream in = null;
        while (System.nanoTime() < recordUntil) {
            long t0 = System.nanoTime();
            boolean record = t0 >= recordFrom;
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(READ_TIMEOUT_MS);
                    socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), READ_TIMEOUT_MS);
                    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                }
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                Answer answer = Answer.read(in);
                long took = System.nanoTime() - t0;
                if (record && System.nanoTime() <= recordUntil) {
                    tally.statuses.merge(answer.status, 1, Integer::sum);
                    tally.all.add(took);
                    if (answer.status / 100 == 2) {
                        tally.accepted.add(took);
                    }
                }
                if (answer.close) {
                    socket.close();
                    socket = null;
                }
            } catch (IOException e) {
                if (record) {
                    if (e instanceof java.net.SocketTimeoutException) {
                        tally.timeouts++;
                    } else {
                        tally.errors++;
                    }
                }
                closeQuietly(socket);
                socket = null;
            }
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void report(List<Tally> tallies, double seconds) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Long> accepted = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        int errors = 0;
        int timeouts = 0;
        for (Tally t : tallies) {
            t.statuses.forEach((s, n) -> statuses.merge(s, n, Integer::sum));
            accepted.addAll(t.accepted);
            all.addAll(t.all);
            errors += t.errors;
            timeouts += t.timeouts;
        }
        int answers = all.size();
        int good = statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2 || e.getKey() == 429)
                .mapToInt(Map.Entry::getValue).sum();
        StringBuilder byStatus = new StringBuilder();
        statuses.forEach((s, n) -> byStatus.append(byStatus.length() == 0 ? "" : ",").append(s).append('=').append(n));
        System.out.printf(Locale.ROOT, "statuses %s%n", byStatus.length() == 0 ? "none" : byStatus);
        System.out.printf(Locale.ROOT, "socket_errors %d%n", errors);
        System.out.printf(Locale.ROOT, "timeouts %d%n", timeouts);
        System.out.printf(Locale.ROOT, "answers %d%n", answers);
        System.out.printf(Locale.ROOT, "accepted_or_429_share %.4f%n",
                answers + errors + timeouts == 0 ? 0.0 : (double) good / (answers + errors + timeouts));
        System.out.printf(Locale.ROOT, "accepted_per_s %.0f%n", accepted.size() / seconds);
        System.out.printf(Locale.ROOT, "accepted_p50_ms %.2f%n", percentile(accepted, 0.50));
        System.out.printf(Locale.ROOT, "accepted_p99_ms %.2f%n", percentile(accepted, 0.99));
        System.out.printf(Locale.ROOT, "all_p99_ms %.2f%n", percentile(all, 0.99));
    }

    private static double percentile(List<Long> nanos, double q) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    /** The parts of an HTTP/1.1 answer the tally needs; reads the whole answer off the stream. */
    private record Answer(int status, boolean close) {

        static Answer read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                    skip(in, size);
                    line(in);
                }
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are ignored
                }
            } else if (length >= 0) {
                skip(in, length);
            } else {
                close = true;
                in.transferTo(OutputStream.nullOutputStream());
            }
            return new Answer(status, close);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed mid-answer");
                }
                if (b != '\r') {
                    bytes.write(b);
                }
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        }

        private static void skip(InputStream in, long n) throws IOException {
            in.skipNBytes(n);
        }
    }
}
