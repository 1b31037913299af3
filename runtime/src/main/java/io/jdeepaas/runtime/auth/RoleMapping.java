package io.jdeepaas.runtime.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a token's claims into roles: the values of one claim (a dotted path such as {@code groups},
 * {@code realm_access.roles} or {@code eduperson_entitlement}; a list, or a space-separated text such
 * as {@code scope}) are matched against rules {@code value=role}, where a value ending in {@code *}
 * matches every value with that prefix. Every valid token also gets the default roles.
 *
 * @param claimPath the dotted path of the claim holding the caller's groups or roles; empty for none
 * @param rules what each claim value gives
 * @param defaults the roles of every valid token
 */
public record RoleMapping(String claimPath, List<Rule> rules, Set<Role> defaults) {

    /**
     * One rule: a claim value (or prefix ending in {@code *}) and the role it gives.
     *
     * @param value the claim value, or a prefix followed by {@code *}
     * @param role the role it gives
     */
    public record Rule(String value, Role role) {

        /**
         * @param text {@code value=role}; the value may itself contain {@code =} (the last one splits)
         * @return the rule
         */
        public static Rule parse(String text) {
            int split = text.lastIndexOf('=');
            if (split <= 0 || split == text.length() - 1) {
                throw new IllegalArgumentException("a role rule is VALUE=ROLE (e.g. jdeepaas-admins=admin), got '"
                        + text + "'");
            }
            return new Rule(text.substring(0, split), Role.parse(text.substring(split + 1)));
        }

        boolean matches(String claimValue) {
            return value.endsWith("*") ? claimValue.startsWith(value.substring(0, value.length() - 1))
                    : claimValue.equals(value);
        }
    }

    public RoleMapping {
        rules = List.copyOf(rules);
        defaults = defaults.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(defaults);
    }

    /**
     * @param claims a validated token's claims
     * @return the roles they give
     */
    public Set<Role> roles(Map<String, Object> claims) {
        Set<Role> roles = defaults.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(defaults);
        for (String value : values(claims)) {
            for (Rule rule : rules) {
                if (rule.matches(value)) {
                    roles.add(rule.role());
                }
            }
        }
        return roles;
    }

    private List<String> values(Map<String, Object> claims) {
        if (claimPath.isEmpty()) {
            return List.of();
        }
        Object node = claims;
        for (String step : claimPath.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(step);
        }
        List<String> values = new ArrayList<>();
        if (node instanceof Collection<?> list) {
            list.forEach(v -> values.add(String.valueOf(v)));
        } else if (node instanceof String text) {
            for (String part : text.split("\\s+")) {
                if (!part.isEmpty()) {
                    values.add(part);
                }
            }
        }
        return values;
    }
}
