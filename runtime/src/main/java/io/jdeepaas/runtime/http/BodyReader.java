package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.config.JavalinConfig;
import io.javalin.config.Key;
import io.javalin.http.Context;
import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.Failures;
import io.jdeepaas.runtime.errors.PayloadTooLargeException;
import io.jdeepaas.runtime.errors.RequestTimeoutException;
import io.jdeepaas.runtime.errors.UnsupportedMediaTypeException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.eclipse.jetty.http.BadMessageException;

/**
 * The one way a route reads its request body: as a stream that counts the bytes as they arrive,
 * whatever the framing (Content-Length or chunked) and the {@code Content-Encoding} ({@code gzip},
 * {@code deflate} or {@code identity}), and fails with 413 the moment {@code --max-upload-size} is
 * passed, by the bytes received or by the decoded bytes (so a small gzip bomb is refused too).
 *
 * <p>Every failure of the stream is already an HTTP outcome, thrown as an unchecked
 * {@link ApiException} from {@code read} (the one error mapper finds it through any wrapping): 413
 * too large, 408 when the client stopped sending for the idle timeout, 400 for broken chunking, a
 * body shorter than its Content-Length or corrupt compressed data, 415 for an unknown encoding.
 *
 * <p>Usage: {@code try (InputStream in = BodyReader.open(ctx)) { ... }} or
 * {@link #json(Context, ObjectReader, String)}. Threading: on the request's thread.
 */
public final class BodyReader {

    /** The limit in bytes, set once by {@link #install}. */
    private static final Key<Long> LIMIT = new Key<>("jdeepaas.max-upload-size");

    private BodyReader() {
    }

    /** Sets the limit every body of this server is held to. */
    static void install(JavalinConfig config, long maxBytes) {
        config.appData(LIMIT, maxBytes);
    }

    /** @return the largest body in bytes (received or decoded) */
    public static long limit(Context ctx) {
        return ctx.appData(LIMIT);
    }

    /** @return whether the request announces a body: a Content-Length above 0, or chunked framing */
    public static boolean announcesBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        return length > 0 || (length < 0 && ctx.header("Transfer-Encoding") != null);
    }

    /**
     * Opens the request body, decoded and bounded.
     *
     * @param ctx the request
     * @return the decoded body; reading past the limit throws 413
     * @throws PayloadTooLargeException when the Content-Length alone is over the limit (nothing is read)
     * @throws UnsupportedMediaTypeException for a Content-Encoding other than gzip, deflate, identity
     */
    public static InputStream open(Context ctx) {
        long limit = limit(ctx);
        long length = ctx.req().getContentLengthLong();
        if (length > limit) {
            throw tooLarge("the request body (" + length + " bytes)", limit);
        }
        String encoding = encoding(ctx.header("Content-Encoding"));
        InputStream raw;
        try {
            raw = ctx.req().getInputStream();
        } catch (IOException e) {
            throw translate(e);
        }
        InputStream received = new Bounded(new FilterInputStream(raw) {
            @Override
            public void close() {
                // the container owns the request's stream: closing it early (a parser closing its
                // source on a refused body) makes Jetty read the rest of the body before answering
            }
        }, limit, "the request body");
        return switch (encoding) {
            case "identity" -> received;
            case "gzip", "x-gzip" -> decoded(() -> new GZIPInputStream(received, 8192), limit, encoding);
            case "deflate" -> decoded(() -> new InflaterInputStream(received), limit, encoding);
            default -> throw new UnsupportedMediaTypeException("Content-Encoding " + encoding + " is not accepted;"
                    + " send the body as is, or compressed with gzip or deflate");
        };
    }

    /**
     * Reads the whole body as bytes, for the small bodies of control routes.
     *
     * @return the decoded body, at most the limit
     */
    public static byte[] bytes(Context ctx) {
        try (InputStream in = open(ctx)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Parses the body as one JSON value: strict UTF-8 (an overlong or invalid byte sequence is a
     * 400, never decoded to another character), Jackson's read constraints of the mapper, and no
     * trailing content after the value.
     *
     * @param ctx the request
     * @param reader what to read the value as
     * @param what completes "the body is not ...", e.g. "valid JSON" or "a valid inference request"
     * @return the value, or {@code null} when the body is empty
     * @throws BadRequestException when the body is not such a value
     */
    public static <T> T json(Context ctx, ObjectReader reader, String what) {
        // not closed: closing the servlet's stream early would make Jetty read the rest of a refused body
        return json(open(ctx), reader, what);
    }

    /** How much of a JSON body is read ahead: a body that fits is parsed from memory, without a decoder. */
    static final int SMALL_BODY = 16 * 1024;

    /**
     * As {@link #json(Context, ObjectReader, String)}, from a stream opened by {@link #open}. A body
     * that fits in {@value #SMALL_BODY} bytes is read at once and, when it is plain ASCII (the usual
     * case), parsed from its bytes, which are then valid UTF-8 as they are; any other body is
     * decoded strictly first.
     */
    public static <T> T json(InputStream body, ObjectReader reader, String what) {
        byte[] ahead = new byte[512]; // most bodies are small: grown as needed up to SMALL_BODY
        int read = 0;
        try {
            for (int n; read < SMALL_BODY && (n = body.read(ahead, read, ahead.length - read)) >= 0; ) {
                read += n;
                if (read == ahead.length && read < SMALL_BODY) {
                    ahead = java.util.Arrays.copyOf(ahead, Math.min(SMALL_BODY, ahead.length * 4));
                }
            }
        } catch (IOException e) {
            throw translate(e);
        }
        try {
            if (read < SMALL_BODY && ascii(ahead, read)) {
                return parse(reader.createParser(ahead, 0, read), reader);
            }
            InputStream whole = read < SMALL_BODY ? new java.io.ByteArrayInputStream(ahead, 0, read)
                    : new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(ahead), body);
            Reader text = new InputStreamReader(whole, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            return parse(reader.createParser(text), reader);
        } catch (CharacterCodingException e) {
            throw new BadRequestException("the body is not valid UTF-8 (an invalid or overlong byte sequence);"
                    + " send JSON encoded as UTF-8");
        } catch (JsonProcessingException e) {
            Failures.apiCause(e).ifPresent(api -> {
                throw api;
            });
            throw new BadRequestException("the body is not " + what + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private static <T> T parse(JsonParser source, ObjectReader reader) throws IOException {
        try (JsonParser parser = source) {
            if (parser.nextToken() == null) {
                return null;
            }
            return reader.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(parser);
        }
    }

    private static boolean ascii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads what is left of a body to its end, still bounded, so the connection can serve the next request. */
    public static void drain(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * @return a failure of reading the body as the HTTP outcome it is: the outcome it carries, 408
     *     for an idle timeout, else 400 with what went wrong (never a class name)
     */
    static ApiException translate(Throwable failure) {
        var api = Failures.apiCause(failure);
        if (api.isPresent()) {
            return api.get();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return new RequestTimeoutException("the client stopped sending the request body before its end;"
                        + " the server waits at most --idle-timeout for more bytes");
            }
            if (t instanceof BadMessageException bad) {
                return new BadRequestException("the request body is malformed: " + reason(bad)
                        + "; check the client's Content-Length or chunked framing");
            }
            if (t instanceof ZipException) {
                return new BadRequestException("the request body is not valid compressed data for its"
                        + " Content-Encoding: " + t.getMessage());
            }
            if (t instanceof EOFException) {
                return new BadRequestException("the request body ended before its declared length (the client"
                        + " sent fewer bytes than its Content-Length, or closed a chunked body early)");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new BadRequestException("the request body cannot be read: the connection failed while it was sent");
    }

    private static String reason(BadMessageException bad) {
        String reason = bad.getReason();
        return reason == null || reason.isBlank() ? "bad framing" : reason.toLowerCase(Locale.ROOT);
    }

    private static PayloadTooLargeException tooLarge(String what, long limit) {
        return new PayloadTooLargeException(what + " exceeds the limit of " + limit + " bytes; send less, or"
                + " start the server with a larger --max-upload-size");
    }

    private static String encoding(String header) {
        if (header == null || header.isBlank()) {
            return "identity";
        }
        String value = header.strip().toLowerCase(Locale.ROOT);
        if (value.contains(",")) {
            throw new UnsupportedMediaTypeException("Content-Encoding " + header + " is not accepted; send one"
                    + " encoding: gzip, deflate or identity");
        }
        return value;
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private static InputStream decoded(Opener opener, long limit, String encoding) {
        try {
            return new Bounded(opener.open(), limit, "the request body decoded from " + encoding);
        } catch (EOFException e) {
            return InputStream.nullInputStream(); // an empty body: not even a header to decode
        } catch (IOException e) {
            throw translate(e);
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        }
    }

    /** Counts what it reads and throws 413 past the limit; turns read failures into HTTP outcomes. */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private final String what;
        private long count;

        Bounded(InputStream in, long limit, String what) {
            super(in);
            this.limit = limit;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = in.read();
            } catch (IOException | RuntimeException e) {
                throw translate(e);
            }
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = in.read(buffer, offset, (int) Math.min(length, limit - count + 1));
            } catch (IOException | RuntimeException e) {
                throw translate(e);
            }
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.max(0, Math.min(8192, n))];
            long skipped = 0;
            while (skipped < n) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw tooLarge(what, limit);
            }
        }
    }
}
