package io.jdeepaas.runtime.http;

import io.jdeepaas.runtime.errors.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict decoding of {@code application/x-www-form-urlencoded} text (a query string or a form
 * body): every {@code %} must start two hex digits and the decoded bytes must be valid UTF-8 (no
 * overlong forms such as {@code %C0%AF}). A malformed value is a 400 that says where, never a
 * parameter silently dropped or decoded to another character.
 */
final class UrlEncoded {

    private UrlEncoded() {
    }

    /**
     * @param query a query string as the server received it, e.g. {@code text=a%20b&n=1}; may be null
     * @param where "the query string", for messages
     * @return the values by name, in order (a name may repeat)
     */
    static Map<String, List<String>> decode(String query, String where) {
        if (query == null || query.isEmpty()) {
            return new LinkedHashMap<>();
        }
        if (query.indexOf('\uFFFD') >= 0) { // the server met bytes that are not UTF-8 in the request line
            throw notUtf8(query, where);
        }
        return decode(query.getBytes(StandardCharsets.UTF_8), where);
    }

    /**
     * @param body a form body's bytes
     * @param where "the form body", for messages
     * @return the values by name, in order (a name may repeat)
     */
    static Map<String, List<String>> decode(byte[] body, String where) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int equals = indexOf(body, (byte) '=', start, i);
                    String name = component(body, start, equals < 0 ? i : equals, where);
                    String value = equals < 0 ? "" : component(body, equals + 1, i, where);
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
                start = i + 1;
            }
        }
        return values;
    }

    /**
     * @return the bytes as text, refusing anything that is not valid UTF-8
     * @throws BadRequestException naming {@code where}
     */
    static String utf8(byte[] bytes, String where) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException(where + " is not valid UTF-8 (an invalid or overlong byte sequence);"
                    + " send text encoded as UTF-8");
        }
    }

    private static String component(byte[] body, int from, int to, String where) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                int high = i + 2 < to ? Character.digit(body[i + 1], 16) : -1;
                int low = high >= 0 ? Character.digit(body[i + 2], 16) : -1;
                if (low < 0) {
                    throw new BadRequestException(where + " has a '%' that does not start an escape of two hex"
                            + " digits (in '" + shorten(new String(body, from, to - from, StandardCharsets.ISO_8859_1))
                            + "'); write a literal % as %25");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        byte[] decoded = bytes.toByteArray();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8(new String(body, from, to - from, StandardCharsets.ISO_8859_1), where);
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static BadRequestException notUtf8(String text, String where) {
        return new BadRequestException(where + " is not valid UTF-8 once decoded (an invalid or overlong byte"
                + " sequence in '" + shorten(text) + "'); percent-encode text as UTF-8");
    }

    private static String shorten(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
