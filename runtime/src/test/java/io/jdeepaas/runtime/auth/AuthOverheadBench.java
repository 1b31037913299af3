package io.jdeepaas.runtime.auth;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What authentication costs a request, in process (run by {@code bench/auth/run.sh}): a bearer token
 * seen before (the validated-token cache), a token seen for the first time (signature and claims
 * checked against a warm key set, no network), and an API key (hash and cached lookup).
 */
public final class AuthOverheadBench {

    private AuthOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> audience = List.of("jdeepaas");
        try (OidcProvider provider = new OidcProvider()) {
            Authenticator auth = new Authenticator(new TokenValidator(OidcSettings.of(
                    List.of(provider.issuer("platform")), Set.copyOf(audience),
                    new RoleMapping("groups", List.of(RoleMapping.Rule.parse("ml-users=predict")),
                            EnumSet.of(Role.READ)))), Optional.empty(), Set.of());
            int fresh = Integer.parseInt(args.length > 0 ? args[0] : "1000");
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < fresh + 1; i++) {
                tokens.add(provider.token("platform", "user" + i, audience, Map.of("groups", List.of("ml-users"))));
            }
            auth.identify("Bearer " + tokens.get(0), null); // discovery and key set: warm from here on
            long start = System.nanoTime();
            for (int i = 1; i <= fresh; i++) {
                auth.identify("Bearer " + tokens.get(i), null);
            }
            double firstSeen = (System.nanoTime() - start) / 1e3 / fresh;
            String header = "Bearer " + tokens.get(1);
            for (int i = 0; i < 200_000; i++) {
                auth.identify(header, null);
            }
            int repeats = 2_000_000;
            start = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                auth.identify(header, null);
            }
            double cached = (System.nanoTime() - start) / 1e3 / repeats;
            System.out.printf("VALUE auth_token_cached_us %.3f%n", cached);
            System.out.printf("VALUE auth_token_first_seen_us %.1f (RS256 signature and claims, warm key set)%n",
                    firstSeen);
        }
    }
}
