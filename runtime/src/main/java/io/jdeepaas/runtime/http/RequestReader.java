package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import io.jdeepaas.runtime.args.RawArguments;
import io.jdeepaas.runtime.args.UploadArea;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.Failures;
import io.jdeepaas.runtime.errors.PayloadTooLargeException;
import io.jdeepaas.runtime.errors.UnsupportedMediaTypeException;
import io.jdeepaas.spi.UploadedFile;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.MultiPartFormInputStream;

/**
 * Reads a request's argument values from its query string and its body: none,
 * {@code application/json} (an object), {@code application/x-www-form-urlencoded}, or
 * {@code multipart/form-data}. Every body is read through the {@link BodyReader} (bounded, decoded);
 * query strings and forms are decoded strictly ({@link UrlEncoded}).
 *
 * <p>Multipart parts are spooled to disk above {@value #SPOOL_THRESHOLD} bytes, never held whole in
 * the heap; a file part is moved into the request's {@link UploadArea}, whose folder is made only
 * then. A body with more than {@code --max-parts} parts is refused as such (413) as soon as the
 * part past the limit starts.
 */
final class RequestReader {

    /** Parts larger than this are written to disk as they arrive. */
    static final int SPOOL_THRESHOLD = 4096;

    private static final String ACCEPTED = "send application/json, application/x-www-form-urlencoded or"
            + " multipart/form-data";

    private final ObjectReader json;
    private final int maxParts;

    RequestReader(ObjectMapper json, int maxParts) {
        this.json = json.readerFor(Object.class);
        this.maxParts = maxParts;
    }

    /**
     * @param ctx the request
     * @param uploads where uploaded files go; the caller deletes it when the work has ended
     * @return every value the request carried
     */
    RawArguments read(Context ctx, UploadArea uploads) {
        RawArguments raw = RawArguments.empty().withText(UrlEncoded.decode(ctx.req().getQueryString(),
                "the query string"));
        String type = mediaType(ctx.contentType());
        if (type.isEmpty()) {
            if (BodyReader.announcesBody(ctx)) {
                try (InputStream body = BodyReader.open(ctx)) {
                    if (body.read() >= 0) {
                        throw new UnsupportedMediaTypeException("the request has a body but no Content-Type; "
                                + ACCEPTED);
                    }
                } catch (IOException e) {
                    throw BodyReader.translate(e);
                }
            }
            return raw;
        }
        return switch (type) {
            case "application/json" -> raw.withJson(jsonObject(ctx));
            case "application/x-www-form-urlencoded" -> raw.withText(UrlEncoded.decode(BodyReader.bytes(ctx),
                    "the form body"));
            case "multipart/form-data" -> multipart(ctx, raw, uploads);
            default -> throw new UnsupportedMediaTypeException("Content-Type " + type + " is not accepted; "
                    + ACCEPTED);
        };
    }

    private Map<String, Object> jsonObject(Context ctx) {
        Object value = BodyReader.json(ctx, json, "valid JSON");
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.forEach((k, v) -> values.put(String.valueOf(k), v));
            return values;
        }
        throw new BadRequestException((value == null ? "the body is empty although its Content-Type is"
                + " application/json" : "the JSON body is not an object") + "; send an object of argument values,"
                + " e.g. {\"text\": \"hi\"}, or {} for the defaults");
    }

    private RawArguments multipart(Context ctx, RawArguments raw, UploadArea uploads) {
        Path spool = uploads.spool();
        MultipartConfigElement config = new MultipartConfigElement(spool.toString(), -1, -1, SPOOL_THRESHOLD);
        InputStream body = BodyReader.open(ctx);
        MultiPartFormInputStream form = new MultiPartFormInputStream(body, ctx.contentType(), config,
                spool.toFile(), maxParts);
        try {
            Collection<Part> parts;
            try {
                parts = form.getParts();
            } catch (IOException | RuntimeException e) {
                throw multipartFailure(e);
            }
            BodyReader.drain(body);
            Map<String, List<String>> fields = new LinkedHashMap<>();
            Map<String, UploadedFile> files = new LinkedHashMap<>();
            int index = 0;
            for (Part part : parts) {
                if (part.getSubmittedFileName() != null) {
                    if (files.containsKey(part.getName())) {
                        throw new BadRequestException("the file field '" + part.getName() + "' was sent twice");
                    }
                    Path target = uploads.newFile(index++);
                    part.write(target.toString());
                    String contentType = part.getContentType() == null ? "application/octet-stream"
                            : part.getContentType();
                    files.put(part.getName(), new UploadedFile(part.getSubmittedFileName(), contentType, target,
                            Files.size(target)));
                } else {
                    try (InputStream in = part.getInputStream()) {
                        fields.computeIfAbsent(part.getName(), k -> new ArrayList<>())
                                .add(UrlEncoded.utf8(in.readAllBytes(), "the form field '" + part.getName() + "'"));
                    }
                }
            }
            return raw.withText(fields).withFiles(files);
        } catch (IOException e) {
            throw new BadRequestException("the uploaded files cannot be stored: " + e.getMessage());
        } finally {
            form.deleteParts();
        }
    }

    private RuntimeException multipartFailure(Exception e) {
        var api = Failures.apiCause(e);
        if (api.isPresent()) {
            return api.get();
        }
        String message = message(e);
        if (message.toLowerCase(Locale.ROOT).contains("too many parts")) {
            return new PayloadTooLargeException("the multipart body has too many parts: more than " + maxParts
                    + "; send fewer fields, or start the server with a larger --max-parts");
        }
        return new BadRequestException("the multipart body is malformed: " + message
                + "; check its boundary and each part's Content-Disposition");
    }

    /** @return the first message on the chain that is not just a wrapped cause's description */
    private static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (t.getCause() == null || !message.equals(t.getCause().toString()))) {
                return message;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return "it cannot be parsed";
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
