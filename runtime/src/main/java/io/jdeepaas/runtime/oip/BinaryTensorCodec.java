package io.jdeepaas.runtime.oip;

import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The protocol's binary tensor data extension: a body is the JSON inference header (its length in
 * the {@value #HEADER} HTTP header), then the raw data of each tensor whose parameters carry
 * {@value #SIZE}, one after the other in the order of the header's tensors. Raw data is row-major
 * and little-endian in the type's native width ({@code BOOL} one byte, 0 or 1; {@code FP16} and
 * {@code BF16} two bytes); a {@code BYTES} element is a 4-byte little-endian unsigned length then
 * that many bytes. Decoding is strict: every size that does not add up is a 400 saying which
 * tensor and by how much.
 */
public final class BinaryTensorCodec {

    /** The HTTP header giving the length of the JSON part of a body, in bytes. */
    public static final String HEADER = "Inference-Header-Content-Length";
    /** The tensor parameter giving the length of its raw data, in bytes. */
    public static final String SIZE = "binary_data_size";
    /** The media type of a body with binary tensor data. */
    public static final String MEDIA_TYPE = "application/octet-stream";

    private BinaryTensorCodec() {
    }

    /**
     * @param value the {@value #HEADER} HTTP header as sent
     * @return the length it gives
     * @throws BadRequestException when it is not a whole number of at least 0
     */
    public static int headerLength(String value) {
        String trimmed = value.strip();
        if (!trimmed.matches("[0-9]{1,10}")) {
            throw new BadRequestException(HEADER + " must be the length of the JSON part in bytes, a whole number "
                    + ">= 0; got '" + value + "'");
        }
        long length = Long.parseLong(trimmed);
        if (length > Integer.MAX_VALUE - 8) {
            throw new BadRequestException(HEADER + " is " + length + ", larger than any body this server reads");
        }
        return (int) length;
    }

    /**
     * @param body the request's body, positioned at its start
     * @param length the header's length as the {@value #HEADER} HTTP header gives it
     * @return the header's bytes; the body is left at the first byte of binary data
     * @throws BadRequestException when the body is shorter than the header
     */
    public static byte[] header(InputStream body, int length) {
        byte[] header = readUpTo(body, length);
        if (header.length < length) {
            throw new BadRequestException(HEADER + " is " + length + ", but the body has only " + header.length
                    + " bytes");
        }
        return header;
    }

    /**
     * Decodes the inputs of a request, in its order: those with {@value #SIZE} from the binary
     * data that follows the header, the others from their JSON {@code data}.
     *
     * @param request the parsed header
     * @param binary the body after the header, or {@code null} when the request is JSON only
     * @return the inputs as tensors, in the request's order
     * @throws BadRequestException when an input or the binary data is malformed, or bytes are left over
     */
    public static List<Tensor> inputs(InferRequest request, InputStream binary) {
        List<Tensor> tensors = new ArrayList<>();
        for (InferRequest.Input input : request.inputs()) {
            if (input == null) {
                throw new BadRequestException("an input is null");
            }
            Long size = size(input);
            if (size == null) {
                tensors.add(TensorCodec.decode(input.name(), input.datatype(), input.shape(), input.data()));
                continue;
            }
            String what = TensorCodec.what(input.name());
            if (binary == null) {
                throw new BadRequestException(what + " has " + SIZE + ", but the request has no " + HEADER
                        + " header saying where its binary data starts");
            }
            if (input.data() != null) {
                throw new BadRequestException(what + " has both data and " + SIZE + "; give one of them");
            }
            TensorType type = TensorCodec.type(what, input.datatype());
            long[] dims = TensorCodec.dimensions(what, input.shape());
            int count = TensorCodec.elementCount(what, dims);
            if (type != TensorType.BYTES && size != (long) count * type.byteSize()) {
                throw new BadRequestException(what + " has shape " + Arrays.toString(dims) + " of " + type + ", which "
                        + "needs " + (long) count * type.byteSize() + " bytes of binary data, but its " + SIZE + " is "
                        + size);
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new BadRequestException(what + " has a " + SIZE + " of " + size + ", too large for one tensor");
            }
            byte[] raw = readUpTo(binary, size.intValue());
            if (raw.length < size) {
                throw new BadRequestException(what + " has a " + SIZE + " of " + size + ", but only " + raw.length
                        + " bytes of binary data are left in the body");
            }
            tensors.add(decode(input.name(), type, dims, raw));
        }
        if (binary != null) {
            long left = skipAll(binary);
            if (left > 0) {
                throw new BadRequestException("the body has " + left + " bytes after the binary data of the inputs "
                        + "(the " + SIZE + " of the inputs add up to less than the body)");
            }
        }
        return tensors;
    }

    /**
     * @param name the tensor's name
     * @param type its datatype
     * @param dims its shape
     * @param raw its raw data
     * @return the tensor
     * @throws BadRequestException when the data does not hold exactly the shape's elements of the type
     */
    public static Tensor decode(String name, TensorType type, long[] dims, byte[] raw) {
        String what = "tensor '" + name + "'";
        int n = TensorCodec.elementCount(what, dims);
        ByteBuffer in = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (type == TensorType.BYTES) {
            return new Tensor(name, type, dims, strings(what, in, n));
        }
        if (raw.length != (long) n * type.byteSize()) {
            throw new BadRequestException(what + " has shape " + Arrays.toString(dims) + " of " + type + ", which needs "
                    + (long) n * type.byteSize() + " bytes, but its binary data has " + raw.length);
        }
        Object data = switch (type) {
            case BOOL -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    byte b = in.get();
                    if (b != 0 && b != 1) {
                        throw new BadRequestException(what + ": BOOL element " + i + " is the byte " + (b & 0xff)
                                + "; true is 1 and false is 0");
                    }
                    out[i] = b == 1;
                }
                yield out;
            }
            case UINT8, INT8 -> raw.clone();
            case UINT16, INT16 -> {
                short[] out = new short[n];
                in.asShortBuffer().get(out);
                yield out;
            }
            case UINT32, INT32 -> {
                int[] out = new int[n];
                in.asIntBuffer().get(out);
                yield out;
            }
            case UINT64, INT64 -> {
                long[] out = new long[n];
                in.asLongBuffer().get(out);
                yield out;
            }
            case FP16, BF16 -> {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    short bits = in.getShort();
                    out[i] = type == TensorType.FP16 ? HalfFloats.fromHalf(bits) : HalfFloats.fromBFloat(bits);
                }
                yield out;
            }
            case FP32 -> {
                float[] out = new float[n];
                in.asFloatBuffer().get(out);
                yield out;
            }
            case FP64 -> {
                double[] out = new double[n];
                in.asDoubleBuffer().get(out);
                yield out;
            }
            case BYTES -> throw new IllegalStateException("BYTES is read above");
        };
        return new Tensor(name, type, dims, data);
    }

    /**
     * @param tensor a tensor
     * @return its raw data (FP16 and BF16 rounded to nearest, ties to even)
     */
    public static byte[] encode(Tensor tensor) {
        int n = tensor.size();
        TensorType type = tensor.datatype();
        if (type == TensorType.BYTES) {
            byte[][] elements = tensor.byteStrings();
            long total = 0;
            for (byte[] e : elements) {
                total += 4 + e.length;
            }
            ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
            for (byte[] e : elements) {
                out.putInt(e.length).put(e);
            }
            return out.array();
        }
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(n, type.byteSize())).order(ByteOrder.LITTLE_ENDIAN);
        Object data = tensor.data();
        switch (type) {
            case BOOL -> {
                for (boolean b : (boolean[]) data) {
                    out.put((byte) (b ? 1 : 0));
                }
            }
            case UINT8, INT8 -> out.put((byte[]) data);
            case UINT16, INT16 -> out.asShortBuffer().put((short[]) data);
            case UINT32, INT32 -> out.asIntBuffer().put((int[]) data);
            case UINT64, INT64 -> out.asLongBuffer().put((long[]) data);
            case FP16 -> {
                for (float f : (float[]) data) {
                    out.putShort(HalfFloats.toHalf(f));
                }
            }
            case BF16 -> {
                for (float f : (float[]) data) {
                    out.putShort(HalfFloats.toBFloat(f));
                }
            }
            case FP32 -> out.asFloatBuffer().put((float[]) data);
            case FP64 -> out.asDoubleBuffer().put((double[]) data);
            default -> throw new IllegalStateException("unknown datatype " + type);
        }
        return out.array();
    }

    /** @return the input's {@value #SIZE}, or {@code null} when it has none */
    private static Long size(InferRequest.Input input) {
        Map<String, Object> parameters = input.parameters();
        Object size = parameters == null ? null : parameters.get(SIZE);
        if (size == null) {
            return null;
        }
        if ((size instanceof Long || size instanceof Integer) && ((Number) size).longValue() >= 0) {
            return ((Number) size).longValue();
        }
        throw new BadRequestException(TensorCodec.what(input.name()) + " has " + SIZE + " " + size
                + "; it must be a whole number of bytes >= 0");
    }

    private static byte[][] strings(String what, ByteBuffer in, int n) {
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            if (in.remaining() < 4) {
                throw new BadRequestException(what + ": BYTES element " + i + " of " + n + " is missing or its 4-byte "
                        + "length is cut short (" + in.remaining() + " bytes left)");
            }
            long length = Integer.toUnsignedLong(in.getInt());
            if (length > in.remaining()) {
                throw new BadRequestException(what + ": BYTES element " + i + " says it has " + length
                        + " bytes, but only " + in.remaining() + " are left in its binary data");
            }
            out[i] = new byte[(int) length];
            in.get(out[i]);
        }
        if (in.hasRemaining()) {
            throw new BadRequestException(what + " has " + in.remaining() + " bytes of binary data after its " + n
                    + " BYTES elements");
        }
        return out;
    }

    /** Reads up to {@code length} bytes, allocating only as they arrive. */
    private static byte[] readUpTo(InputStream in, int length) {
        try {
            return in.readNBytes(length);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static BadRequestException unreadable(IOException e) {
        return new BadRequestException("the request body could not be read to its end"
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static long skipAll(InputStream in) {
        try {
            return in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw unreadable(e);
        }
    }
}
