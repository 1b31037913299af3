package io.jdeepaas.runtime.args;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.spi.ArgumentType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Converts one scalar value, given as text or as a JSON value, to the Java type of an
 * {@link ArgumentType}. Failures are {@link IllegalArgumentException}s whose message completes the
 * sentence "the argument ...", e.g. "must be a whole number, got 'abc'".
 */
final class ValueConverter {

    private final ObjectMapper json;

    ValueConverter(ObjectMapper json) {
        this.json = json;
    }

    Object fromText(ArgumentType type, String text) {
        return switch (type) {
            case STRING -> text;
            case INTEGER -> parseInteger(text);
            case NUMBER -> parseNumber(text);
            case BOOLEAN -> parseBoolean(text);
            case URL -> parseUrl(text);
            case JSON -> parseJsonObject(text);
            default -> throw new IllegalStateException("no text form for " + type);
        };
    }

    Object fromJson(ArgumentType type, Object value) {
        if (value instanceof String text && type != ArgumentType.STRING) {
            return fromText(type, text);
        }
        return switch (type) {
            case STRING -> {
                if (value instanceof String) {
                    yield value;
                }
                throw new IllegalArgumentException("must be a string, got " + describe(value));
            }
            case INTEGER -> toInteger(value);
            case NUMBER -> {
                if (value instanceof Number n) {
                    if (!Double.isFinite(n.doubleValue())) {
                        throw new IllegalArgumentException("must be a finite number, got a number too large to be"
                                + " finite");
                    }
                    yield n.doubleValue();
                }
                throw new IllegalArgumentException("must be a number, got " + describe(value));
            }
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    yield value;
                }
                throw new IllegalArgumentException("must be true or false, got " + describe(value));
            }
            case JSON -> {
                if (value instanceof Map) {
                    yield value;
                }
                throw new IllegalArgumentException("must be a JSON object, got " + describe(value));
            }
            case URL -> throw new IllegalArgumentException("must be a URL string, got " + describe(value));
            default -> throw new IllegalStateException("no JSON form for " + type);
        };
    }

    private static Long parseInteger(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, got '" + text + "'");
        }
    }

    private static Long toInteger(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            throw new IllegalArgumentException("must be a whole number within 64 bits, got " + big);
        }
        if (value instanceof Double || value instanceof Float) {
            if (!Double.isFinite(((Number) value).doubleValue())) {
                throw new IllegalArgumentException("must be a whole number, got a number too large to be finite");
            }
        }
        if (value instanceof Number n) {
            BigDecimal decimal = new BigDecimal(n.toString());
            if (decimal.stripTrailingZeros().scale() <= 0) {
                try {
                    return decimal.longValueExact();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("must be a whole number within 64 bits, got " + value);
                }
            }
        }
        throw new IllegalArgumentException("must be a whole number, got " + describe(value));
    }

    private static Double parseNumber(String text) {
        try {
            return finite(Double.parseDouble(text.strip()), text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number, got '" + text + "'");
        }
    }

    private static Double finite(double value, Object original) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("must be a finite number, got '" + original + "'");
        }
        return value;
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Boolean.TRUE;
            case "false", "0", "no", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("must be true or false, got '" + text + "'");
        };
    }

    private static URI parseUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be an absolute http or https URL, got '" + text + "'");
    }

    private Map<?, ?> parseJsonObject(String text) {
        try {
            Object value = json.readValue(text, Object.class);
            if (value instanceof Map<?, ?> map) {
                return map;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("must be a JSON object, but is not valid JSON: "
                    + e.getOriginalMessage());
        }
        throw new IllegalArgumentException("must be a JSON object, got '" + text + "'");
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof java.util.List) {
            return "an array";
        }
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
