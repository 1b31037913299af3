package io.jdeepaas.runtime.engines;

import ai.djl.util.cuda.CudaUtils;
import io.jdeepaas.spi.Device;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a device setting ({@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}) into the device a
 * model is warmed on. {@code auto} means the first GPU when the model's engine sees one, else the
 * CPU; an explicit GPU that the engine cannot see is an error, never a silent fallback.
 */
public final class DeviceResolver {

    /** The forms a device setting may take, for error messages. */
    public static final String ACCEPTED_FORMS = "auto, cpu, gpu, gpu:N (N = 0, 1, ...)";

    private static final Pattern GPU = Pattern.compile("gpu(?::(\\d+))?");

    private final ToIntFunction<String> gpuCounter;

    /** A resolver that asks DJL how many GPUs each engine sees. */
    public DeviceResolver() {
        this(DeviceResolver::visibleGpus);
    }

    /**
     * A resolver with its own GPU count, for tests.
     *
     * @param gpuCounter the number of GPUs an engine sees, given its name (or {@code null} for a
     *     model without engine)
     */
    DeviceResolver(ToIntFunction<String> gpuCounter) {
        this.gpuCounter = gpuCounter;
    }

    /**
     * Resolves a device setting for an engine.
     *
     * @param spec {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}; {@code null} means auto
     * @param engineName the model's engine as DJL names it, or {@code null} for plain Java
     * @return the device to warm the model on
     * @throws DeviceUnavailableException when a GPU is requested that the engine cannot see
     * @throws IllegalArgumentException when the setting has none of the accepted forms
     */
    public Device resolve(String spec, String engineName) {
        return resolve(spec, engineName, null);
    }

    /**
     * Resolves a device setting for one model; the model's name appears in error messages.
     *
     * @param spec {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}; {@code null} means auto
     * @param engineName the model's engine as DJL names it, or {@code null} for plain Java
     * @param modelName the model's name, or {@code null}
     * @return the device to warm the model on
     * @throws DeviceUnavailableException when a GPU is requested that the engine cannot see
     * @throws IllegalArgumentException when the setting has none of the accepted forms
     */
    public Device resolve(String spec, String engineName, String modelName) {
        String value = spec == null ? "auto" : spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("cpu")) {
            return Device.cpu();
        }
        if (value.equals("auto")) {
            if (engineName == null) {
                return Device.cpu();
            }
            return gpuCounter.applyAsInt(engineName) > 0 ? Device.gpu(0) : Device.cpu();
        }
        Matcher gpu = GPU.matcher(value);
        if (!gpu.matches()) {
            throw new IllegalArgumentException("invalid device '" + spec + "'; accepted: " + ACCEPTED_FORMS);
        }
        int index = gpu.group(1) == null ? 0 : parseIndex(gpu.group(1), spec);
        int visible = gpuCounter.applyAsInt(engineName);
        if (index >= visible) {
            throw new DeviceUnavailableException(unavailable("gpu:" + index, engineName, modelName, visible));
        }
        return Device.gpu(index);
    }

    private static int parseIndex(String digits, String spec) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid device '" + spec + "'; accepted: " + ACCEPTED_FORMS, e);
        }
    }

    private static String unavailable(String device, String engineName, String modelName, int visible) {
        String who = modelName == null ? "" : " for model '" + modelName + "'";
        String engine = engineName == null ? "this machine" : "engine " + engineName;
        String seen = visible == 0 ? "no GPU is visible to " + engine + " (0 GPUs)"
                : "only " + visible + " GPU" + (visible == 1 ? " is" : "s are") + " visible to " + engine
                        + " (gpu:0" + (visible > 1 ? " to gpu:" + (visible - 1) : "") + ")";
        return "device " + device + " requested" + who + " but " + seen + "; use --device cpu or auto";
    }

    private static int visibleGpus(String engineName) {
        if (engineName == null) {
            try {
                return CudaUtils.getGpuCount();
            } catch (RuntimeException | LinkageError e) {
                return 0;
            }
        }
        return EngineInfo.gpuCount(engineName);
    }
}
