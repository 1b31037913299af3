package io.jdeepaas.runtime.http;

import io.jdeepaas.runtime.errors.InvalidArgumentsException;
import io.jdeepaas.runtime.errors.NotAcceptableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Chooses a prediction's response media type among those the module offers: an explicit
 * {@code accept} argument wins, then the {@code Accept} header (with q-values and wildcards), and
 * the module's first type is the default.
 */
final class ContentNegotiation {

    private ContentNegotiation() {
    }

    record Range(String type, double quality) {
        boolean matches(String offered) {
            if (type.equals("*/*")) {
                return true;
            }
            if (type.endsWith("/*")) {
                return offered.startsWith(type.substring(0, type.length() - 1));
            }
            return type.equals(offered);
        }
    }

    static String choose(List<String> offered, String acceptArgument, String acceptHeader) {
        if (acceptArgument != null && !acceptArgument.isBlank()) {
            String wanted = RequestReader.mediaType(acceptArgument);
            if (offered.contains(wanted)) {
                return wanted;
            }
            throw InvalidArgumentsException.of("accept", "must be one of " + String.join(", ", offered)
                    + ", got '" + acceptArgument + "'");
        }
        if (acceptHeader == null || acceptHeader.isBlank()) {
            return offered.get(0);
        }
        List<Range> ranges = parse(acceptHeader);
        for (Range range : ranges) {
            if (range.quality() <= 0) {
                continue;
            }
            for (String type : offered) {
                if (range.matches(type)) {
                    return type;
                }
            }
        }
        throw new NotAcceptableException("this model answers " + String.join(", ", offered)
                + "; the Accept header asked for " + acceptHeader);
    }

    private static List<Range> parse(String header) {
        List<Range> ranges = new ArrayList<>();
        for (String item : header.split(",")) {
            String[] parts = item.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue;
            }
            double quality = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                if (parameter.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            ranges.add(new Range(type, quality));
        }
        // stable sort: by quality, then more specific ranges first
        ranges.sort(Comparator.comparingDouble(Range::quality).reversed()
                .thenComparing(r -> r.type().equals("*/*") ? 2 : r.type().endsWith("/*") ? 1 : 0));
        return ranges;
    }
}
