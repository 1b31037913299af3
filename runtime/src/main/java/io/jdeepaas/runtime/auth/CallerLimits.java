package io.jdeepaas.runtime.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Optional rate limits per caller (a token's subject, a key's name, or an anonymous caller's
 * address): at most so many predictions and so many training starts a minute, each a token bucket
 * that refills evenly, so short bursts pass and a steady flood is held to the limit.
 */
public final class CallerLimits {

    /** What is limited. */
    public enum Kind { PREDICT, TRAIN }

    /**
     * @param predictPerMinute predictions (predict and infer) per caller a minute; 0 for no limit
     * @param trainPerMinute training starts per caller a minute; 0 for no limit
     */
    public record Settings(int predictPerMinute, int trainPerMinute) {

        /** No limits. */
        public static final Settings NONE = new Settings(0, 0);

        public Settings {
            if (predictPerMinute < 0 || trainPerMinute < 0) {
                throw new IllegalArgumentException("rate limits are requests per minute, at least 0 (0 = no limit)");
            }
        }

        int of(Kind kind) {
            return kind == Kind.PREDICT ? predictPerMinute : trainPerMinute;
        }
    }

    private final Settings settings;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public CallerLimits(Settings settings) {
        this.settings = settings;
    }

    /** @return the configured limit a minute for {@code kind} (0 = none) */
    public int perMinute(Kind kind) {
        return settings.of(kind);
    }

    /**
     * Takes one call from the caller's allowance.
     *
     * @param caller who calls
     * @param kind what they call
     * @return empty when the call may go ahead, else the seconds until it may be retried
     */
    public OptionalLong take(String caller, Kind kind) {
        int perMinute = settings.of(kind);
        if (perMinute == 0) {
            return OptionalLong.empty();
        }
        Bucket bucket = buckets.get(kind + " " + caller, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
