/** The runtime's configuration: one immutable record built once from flags and environment, then passed down. */
package io.jdeepaas.runtime.config;
