package io.jdeepaas.examples.modelfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsObjectsArraysNumbersStringsAndLiteralsInDocumentOrder() {
        Object value = JsonReader.parse(" {\"b\": [1, -2.5, 3e2], \"a\": \"x\\u00e9\\n\", \"t\": true, \"n\": null} ");

        assertThat(value).isInstanceOfSatisfying(Map.class, map -> {
            assertThat(map.keySet()).containsExactly("b", "a", "t", "n");
            assertThat(map.get("b")).isEqualTo(List.of(1L, -2.5, 300.0));
            assertThat(map.get("a")).isEqualTo("xé\n");
            assertThat(map.get("t")).isEqualTo(true);
            assertThat(map).containsEntry("n", null);
        });
    }

    @Test
    void malformedTextIsRejectedWithItsLineAndColumn() {
        assertThatThrownBy(() -> JsonReader.parse("{\n  \"a\": [1, 2,]\n}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2, column 14");
        for (String bad : Arrays.asList("", "{", "[1 2]", "{\"a\" 1}", "tru", "01x", "\"open")) {
            assertThatThrownBy(() -> JsonReader.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
