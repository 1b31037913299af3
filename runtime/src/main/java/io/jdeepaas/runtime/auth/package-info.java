/**
 * Who is calling, and what they may do: bearer tokens from OpenID Connect providers (validated
 * against each issuer's published keys, cached), API keys for machines (only their hashes are kept),
 * and the roles ({@code read}, {@code predict}, {@code train}, {@code admin}) an identity holds.
 * Nothing here knows HTTP: the routes ask {@link io.jdeepaas.runtime.auth.Authenticator} for an
 * {@link io.jdeepaas.runtime.auth.Identity} and check its roles.
 */
package io.jdeepaas.runtime.auth;
