package io.jdeepaas.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of {@code bench/swap.sh}: after a warm-up, concurrent predicts for a while with no version change, then
 * as long again while {@code production} flips between two versions every period, then as long again
 * with no change (so that the machine's drift shows). Prints one
 * {@code VALUE} line per figure: requests, non-2xx answers, p50 and p99 of each phase, flips done,
 * answers per version.
 *
 * <p>Usage: {@code SwapClient BASE_URL MODEL BODY CONNECTIONS SECONDS FLIP_SECONDS VERSION_A VERSION_B}
 */
public final class SwapClient {

    private SwapClient() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String model = args[1];
        String body = args[2];
        int connections = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        double flipSeconds = Double.parseDouble(args[5]);
        String a = args[6];
        String b = args[7];
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI predict = URI.create(base + "/v2/models/" + model + "/predict/");
        URI production = URI.create(base + "/v2/models/" + model + "/aliases/production");

        drive(http, predict, body, connections, Math.max(5, seconds / 2), () -> { }); // warm-up, not counted
        Phase quiet = drive(http, predict, body, connections, seconds, () -> { });
        print("no_swaps", quiet);
        AtomicLong flips = new AtomicLong();
        AtomicLong flipFailures = new AtomicLong();
        Phase swapping = drive(http, predict, body, connections, seconds, () -> {
            String next = flips.get() % 2 == 0 ? a : b;
            try {
                HttpResponse<String> moved = http.send(HttpRequest.newBuilder(production)
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"version\":\"" + next + "\"}"))
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                if (moved.statusCode() != 200) {
                    flipFailures.incrementAndGet();
                    System.err.println("flip to " + next + " answered " + moved.statusCode() + ": " + moved.body());
                }
            } catch (Exception e) {
                flipFailures.incrementAndGet();
            }
            flips.incrementAndGet();
        }, flipSeconds);
        print("swaps", swapping);
        System.out.println("VALUE swaps_done " + flips.get() + " (failed " + flipFailures.get() + ")");
        print("no_swaps_after", drive(http, predict, body, connections, seconds, () -> { })); // drift of the machine
    }

    /** What one phase measured. */
    record Phase(long requests, long failed, long[] nanos, Map<String, Long> byVersion, Map<Integer, Long> statuses) {
    }

    private static Phase drive(HttpClient http, URI predict, String body, int connections, int seconds,
                               Runnable flip) throws InterruptedException {
        return drive(http, predict, body, connections, seconds, flip, 0);
    }

    private static Phase drive(HttpClient http, URI predict, String body, int connections, int seconds,
                               Runnable flip, double flipSeconds) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong failed = new AtomicLong();
        Map<String, Long> byVersion = new ConcurrentHashMap<>();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(predict).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build();
        for (int c = 0; c < connections; c++) {
            long[] own = new long[2_000_000];
            int[] n = new int[1];
            latencies.add(own);
            counts.add(n);
            Thread t = new Thread(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    int status;
                    String version = "?";
                    try {
                        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                        status = answer.statusCode();
                        version = answer.headers().firstValue("X-Model-Version").orElse("?");
                    } catch (Exception e) {
                        status = -1;
                    }
                    if (n[0] < own.length) {
                        own[n[0]++] = System.nanoTime() - start;
                    }
                    statuses.merge(status, 1L, Long::sum);
                    if (status < 200 || status > 299) {
                        failed.incrementAndGet();
                    } else {
                        byVersion.merge(version, 1L, Long::sum);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        if (flipSeconds > 0) {
            long period = (long) (flipSeconds * 1_000_000_000L);
            for (long next = System.nanoTime() + period; next < end; next += period) {
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                flip.run();
            }
        }
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        int total = counts.stream().mapToInt(n -> n[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < latencies.size(); i++) {
            System.arraycopy(latencies.get(i), 0, all, at, counts.get(i)[0]);
            at += counts.get(i)[0];
        }
        Arrays.sort(all);
        return new Phase(total, failed.get(), all, byVersion, statuses);
    }

    private static void print(String phase, Phase p) {
        System.out.println("VALUE " + phase + "_requests " + p.requests());
        System.out.println("VALUE " + phase + "_non_2xx " + p.failed() + " statuses=" + p.statuses());
        System.out.printf("VALUE %s_p50_ms %.2f%n", phase, percentile(p.nanos(), 0.50) / 1e6);
        System.out.printf("VALUE %s_p99_ms %.2f%n", phase, percentile(p.nanos(), 0.99) / 1e6);
        System.out.printf("VALUE %s_max_ms %.2f%n", phase, p.nanos().length == 0 ? 0 : p.nanos()[p.nanos().length - 1] / 1e6);
        System.out.println("VALUE " + phase + "_answers_by_version " + p.byVersion());
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
