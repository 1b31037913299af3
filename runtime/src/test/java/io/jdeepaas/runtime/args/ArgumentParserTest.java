package io.jdeepaas.runtime.args;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.runtime.errors.InvalidArgumentsException;
import io.jdeepaas.runtime.json.Json;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentParserTest {

    private final ArgumentParser parser = new ArgumentParser(Json.mapper());

    private static RawArguments text(Map<String, List<String>> values) {
        return new RawArguments(values, Map.of(), Map.of());
    }

    private static RawArguments json(Map<String, Object> values) {
        return new RawArguments(Map.of(), values, Map.of());
    }

    private Map<String, List<String>> errors(List<Argument> declared, RawArguments raw) {
        try {
            parser.parse(declared, raw);
        } catch (InvalidArgumentsException e) {
            return e.errors();
        }
        throw new AssertionError("expected a 422");
    }

    @Test
    void textValuesBecomeTheirDeclaredJavaTypes() {
        List<Argument> declared = List.of(Argument.integer("n"), Argument.number("x"), Argument.bool("b"),
                Argument.url("u"), Argument.json("j"), Argument.list("tags", ArgumentType.STRING));
        Map<String, Object> values = parser.parse(declared, text(Map.of("n", List.of("42"), "x", List.of("2.5"),
                "b", List.of("yes"), "u", List.of("https://example.org/a.png"), "j", List.of("{\"k\": [1, 2]}"),
                "tags", List.of("a", "b"))));
        assertThat(values).containsEntry("n", 42L).containsEntry("x", 2.5).containsEntry("b", true)
                .containsEntry("u", URI.create("https://example.org/a.png")).containsEntry("tags", List.of("a", "b"));
        assertThat(values.get("j")).isEqualTo(Map.of("k", List.of(1L, 2L)));
    }

    @Test
    void jsonNumbersAreCheckedForWholenessAndRange() {
        List<Argument> declared = List.of(Argument.integer("n").range(1, 10), Argument.number("x").min(0));
        assertThat(parser.parse(declared, json(Map.of("n", 4.0, "x", 3L)))).containsEntry("n", 4L).containsEntry("x", 3.0);
        Map<String, List<String>> errors = errors(declared, json(Map.of("n", 4.5, "x", -1)));
        assertThat(errors.get("n")).containsExactly("must be a whole number, got 4.5");
        assertThat(errors.get("x")).containsExactly("must be at least 0, got -1.0");
    }

    @Test
    void aScalarGivenTwiceAFileGivenAsTextAndABadUrlAreEachReported() {
        List<Argument> declared = List.of(Argument.string("s"), Argument.file("f"), Argument.url("u"));
        Map<String, List<String>> errors = errors(declared, text(Map.of("s", List.of("a", "b"),
                "f", List.of("not a file"), "u", List.of("ftp://x"))));
        assertThat(errors.get("s")).containsExactly("was given 2 times; give it once");
        assertThat(errors.get("f").get(0)).contains("multipart/form-data");
        assertThat(errors.get("u").get(0)).contains("http or https");
    }

    @Test
    void listItemsAreConvertedAndCheckedOneByOne() {
        Argument numbers = Argument.list("v", ArgumentType.INTEGER).range(0, 5);
        assertThat(parser.parse(List.of(numbers), text(Map.of("v", List.of("1, 2,3"))))).containsEntry("v", List.of(1L, 2L, 3L));
        assertThat(errors(List.of(numbers), json(Map.of("v", List.of(1, "x")))).get("v"))
                .containsExactly("item 1 must be a whole number, got 'x'");
        assertThat(errors(List.of(numbers), json(Map.of("v", List.of(1, 9)))).get("v"))
                .containsExactly("item 1 must be at most 5, got 9");
    }

    @Test
    void emptyFormFieldsOfNonTextTypesCountAsAbsentSoDefaultsApply() {
        List<Argument> declared = List.of(Argument.integer("n").defaultValue(7), Argument.string("s").defaultValue("d"));
        assertThat(parser.parse(declared, text(Map.of("n", List.of(""), "s", List.of("")))))
                .containsEntry("n", 7L).containsEntry("s", "");
    }
}
