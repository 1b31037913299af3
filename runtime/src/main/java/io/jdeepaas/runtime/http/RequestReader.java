package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.jdeepaas.runtime.args.RawArguments;
import io.jdeepaas.runtime.args.UploadArea;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.PayloadTooLargeException;
import io.jdeepaas.runtime.errors.UnsupportedMediaTypeException;
import io.jdeepaas.spi.UploadedFile;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request's argument values from its query string and its body: none,
 * {@code application/json} (an object), {@code application/x-www-form-urlencoded}, or
 * {@code multipart/form-data} (files streamed into the request's {@link UploadArea}).
 */
final class RequestReader {

    private static final String JETTY_MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";

    private final ObjectMapper json;
    private final long maxUploadSize;

    RequestReader(ObjectMapper json, long maxUploadSize) {
        this.json = json;
        this.maxUploadSize = maxUploadSize;
    }

    /**
     * @param ctx the request
     * @param uploads where uploaded files go; the caller deletes it when the work has ended
     * @return every value the request carried
     */
    RawArguments read(Context ctx, UploadArea uploads) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxUploadSize) {
            throw tooLarge(length);
        }
        RawArguments raw = RawArguments.empty().withText(ctx.queryParamMap());
        String type = mediaType(ctx.contentType());
        if (type.isEmpty() && length <= 0) {
            return raw;
        }
        return switch (type) {
            case "application/json" -> raw.withJson(jsonObject(ctx));
            case "application/x-www-form-urlencoded" -> raw.withText(ctx.formParamMap());
            case "multipart/form-data" -> multipart(ctx, raw, uploads);
            case "" -> {
                if (ctx.bodyAsBytes().length == 0) {
                    yield raw;
                }
                throw new UnsupportedMediaTypeException("the request has a body but no Content-Type; send "
                        + "application/json, application/x-www-form-urlencoded or multipart/form-data");
            }
            default -> throw new UnsupportedMediaTypeException("Content-Type " + type + " is not accepted; send "
                    + "application/json, application/x-www-form-urlencoded or multipart/form-data");
        };
    }

    private Map<String, Object> jsonObject(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            return Map.of();
        }
        try {
            Object value = json.readValue(body, Object.class);
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> values = new LinkedHashMap<>();
                map.forEach((k, v) -> values.put(String.valueOf(k), v));
                return values;
            }
            throw new BadRequestException("the JSON body must be an object of argument values, e.g. {\"text\": \"hi\"}");
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestException("the body cannot be read: " + e.getMessage());
        }
    }

    private RawArguments multipart(Context ctx, RawArguments raw, UploadArea uploads) {
        ctx.req().setAttribute(JETTY_MULTIPART_CONFIG, new MultipartConfigElement(
                uploads.folder().toString(), maxUploadSize, maxUploadSize, 0));
        Collection<Part> parts;
        try {
            parts = ctx.req().getParts();
        } catch (IllegalStateException e) {
            throw tooLarge(length(ctx));
        } catch (IOException | ServletException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("exceeds")) {
                throw tooLarge(length(ctx));
            }
            throw new BadRequestException("the multipart body cannot be read: " + e.getMessage());
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, UploadedFile> files = new LinkedHashMap<>();
        int index = 0;
        try {
            for (Part part : parts) {
                if (part.getSubmittedFileName() != null) {
                    if (files.containsKey(part.getName())) {
                        throw new BadRequestException("the file field '" + part.getName() + "' was sent twice");
                    }
                    Path target = uploads.newFile(index++);
                    try (InputStream in = part.getInputStream()) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    String contentType = part.getContentType() == null ? "application/octet-stream" : part.getContentType();
                    files.put(part.getName(), new UploadedFile(part.getSubmittedFileName(), contentType, target,
                            Files.size(target)));
                } else {
                    try (InputStream in = part.getInputStream()) {
                        fields.computeIfAbsent(part.getName(), k -> new ArrayList<>())
                                .add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            throw new BadRequestException("the multipart body cannot be read: " + e.getMessage());
        } finally {
            for (Part part : parts) {
                try {
                    part.delete();
                } catch (IOException ignored) {
                    // the whole upload folder is deleted after the request anyway
                }
            }
        }
        return raw.withText(fields).withFiles(files);
    }

    private static long length(Context ctx) {
        return ctx.req().getContentLengthLong();
    }

    private PayloadTooLargeException tooLarge(long length) {
        return new PayloadTooLargeException("the request body" + (length > 0 ? " (" + length + " bytes)" : "")
                + " exceeds the limit of " + maxUploadSize + " bytes (--max-upload-size)");
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
