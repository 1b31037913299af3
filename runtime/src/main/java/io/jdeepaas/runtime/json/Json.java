package io.jdeepaas.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jdeepaas.spi.Device;
import java.net.URI;

/**
 * Builds the runtime's Jackson mapper: ISO-8601 dates, whole numbers as longs, devices as text,
 * read constraints that bound what one hostile body can cost, and Jackson's fast parsers and
 * writer of floating-point numbers (the same values, several times faster than the JDK's).
 */
public final class Json {

    /**
     * Read limits of every JSON body, besides its size ({@code --max-upload-size}): nesting depth,
     * digits of one number, characters of one field name. Strings keep Jackson's default limit.
     */
    public static final int MAX_NESTING = 200;
    public static final int MAX_NUMBER_LENGTH = 200;
    public static final int MAX_NAME_LENGTH = 10_000;

    private Json() {
    }

    public static ObjectMapper mapper() {
        SimpleModule ours = new SimpleModule("jdeepaas");
        ours.addSerializer(Device.class, ToStringSerializer.instance);
        ours.addSerializer(URI.class, ToStringSerializer.instance);
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxNumberLength(MAX_NUMBER_LENGTH).maxNameLength(MAX_NAME_LENGTH)
                .build())
                // Jackson's own fast number parsers and writer (tensor data is thousands of numbers)
                .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
                .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();
        return new ObjectMapper(factory)
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .registerModule(ours)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
