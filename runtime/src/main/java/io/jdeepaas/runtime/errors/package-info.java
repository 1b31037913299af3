/**
 * Typed exceptions for HTTP outcomes. Services throw them without knowing HTTP; the one exception
 * mapper in {@code http} turns each into its status code and the one JSON error shape.
 */
package io.jdeepaas.runtime.errors;
