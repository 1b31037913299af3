package io.jdeepaas.spi;

/**
 * A compute device: the CPU, or one GPU by index. Written {@code cpu} or {@code gpu:N}.
 *
 * @param kind CPU or GPU
 * @param index the GPU's index; always 0 for the CPU
 */
public record Device(Kind kind, int index) {

    /** The kinds of device. */
    public enum Kind {
        /** The host processor. */
        CPU,
        /** A CUDA graphics processor. */
        GPU
    }

    /**
     * Checks the index.
     *
     * @param kind CPU or GPU
     * @param index the GPU's index
     */
    public Device {
        if (index < 0) {
            throw new IllegalArgumentException("device index must be >= 0, was " + index);
        }
    }

    /**
     * The CPU.
     *
     * @return the CPU device
     */
    public static Device cpu() {
        return new Device(Kind.CPU, 0);
    }

    /**
     * One GPU.
     *
     * @param index the GPU's index, from 0
     * @return that GPU
     */
    public static Device gpu(int index) {
        return new Device(Kind.GPU, index);
    }

    /**
     * Whether this is a GPU.
     *
     * @return true for a GPU
     */
    public boolean isGpu() {
        return kind == Kind.GPU;
    }

    /** @return {@code cpu} or {@code gpu:N} */
    @Override
    public String toString() {
        return isGpu() ? "gpu:" + index : "cpu";
    }
}
