/** The one JSON configuration of the runtime (Jackson), shared by HTTP, storage and the CLI. */
package io.jdeepaas.runtime.json;
