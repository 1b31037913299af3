/**
 * Inference engines: DJL set-up (offline mode, native libraries extracted from Maven
 * dependencies), engine versions, and the choice of device for each model.
 *
 * <p>Start-up calls {@link io.jdeepaas.runtime.engines.EngineSetup#prepare} once before any module
 * loads; the registry asks {@link io.jdeepaas.runtime.engines.DeviceResolver} which device a
 * model gets and {@link io.jdeepaas.runtime.engines.EngineInfo} which engine version it runs on.
 * Nothing here imports an HTTP type.
 */
package io.jdeepaas.runtime.engines;
