package io.jdeepaas.runtime.auth;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How bearer tokens are checked.
 *
 * @param issuers the trusted issuers' URLs, exactly as their tokens' {@code iss} claim writes them
 * @param audiences the accepted {@code aud} values; empty accepts any audience
 * @param roles how claims become roles
 * @param clockSkew the tolerance on {@code exp} and {@code nbf}
 * @param keysTtl how long a provider's key set is trusted before it is fetched again
 * @param minKeysRefresh the shortest interval between two fetches of one provider's keys, even when
 *     tokens signed by unknown keys arrive (so a flood of forged tokens cannot make us hammer it)
 * @param timeout the time given to a provider to answer discovery or a key-set fetch
 */
public record OidcSettings(List<String> issuers, Set<String> audiences, RoleMapping roles, Duration clockSkew,
                           Duration keysTtl, Duration minKeysRefresh, Duration timeout) {

    public OidcSettings {
        issuers = List.copyOf(issuers);
        audiences = Set.copyOf(audiences);
    }

    /** @return settings with the defaults for everything but the issuers, audiences and roles */
    public static OidcSettings of(List<String> issuers, Set<String> audiences, RoleMapping roles) {
        return new OidcSettings(issuers, audiences, roles, Duration.ofSeconds(60), Duration.ofMinutes(15),
                Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /** @return these settings with another minimum interval between key-set fetches */
    public OidcSettings withMinKeysRefresh(Duration interval) {
        return new OidcSettings(issuers, audiences, roles, clockSkew, keysTtl, interval, timeout);
    }
}
