/** Benchmarks run by hand from {@code bench/}; not tests. */
package io.jdeepaas.bench;
