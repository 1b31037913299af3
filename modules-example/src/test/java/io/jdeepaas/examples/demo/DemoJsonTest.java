package io.jdeepaas.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoJsonTest {

    @Test
    void writesScalarsListsAndNestedMaps() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", 3L);
        map.put("d", 0.25);
        map.put("b", false);
        map.put("none", null);
        map.put("list", Arrays.asList(1.0, null, "x"));
        map.put("inner", Map.of("k", List.of()));

        assertThat(DemoJson.write(map))
                .isEqualTo("{\"n\":3,\"d\":0.25,\"b\":false,\"none\":null,\"list\":[1.0,null,\"x\"],\"inner\":{\"k\":[]}}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(DemoJson.write("a\"b\\c\n\t\r\b\f\u0001é\u2028"))
                .isEqualTo("\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001é\\u2028\"");
    }

    @Test
    void writesNonFiniteNumbersAsNull() {
        assertThat(DemoJson.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, 1e300)))
                .isEqualTo("[null,null,1.0E300]");
    }
}
