package io.jdeepaas.spi;

/** The types an {@link Argument} can declare, and the Java type its value has once parsed. */
public enum ArgumentType {
    /** Text; parsed to {@link String}. */
    STRING,
    /** A whole number; parsed to {@link Long}. */
    INTEGER,
    /** A decimal number; parsed to {@link Double}. */
    NUMBER,
    /** {@code true} or {@code false}; parsed to {@link Boolean}. */
    BOOLEAN,
    /** Several scalar values of one item type; parsed to a {@link java.util.List}. */
    LIST,
    /** An uploaded file (multipart); parsed to {@link UploadedFile}. */
    FILE,
    /** An absolute http(s) URL; parsed to {@link java.net.URI}. */
    URL,
    /** A JSON object; parsed to a {@code Map<String, Object>}. */
    JSON;

    /** @return the lower-case name used in messages and documents, e.g. {@code integer} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return true for the types a {@link #LIST} may hold */
    public boolean isScalar() {
        return this == STRING || this == INTEGER || this == NUMBER || this == BOOLEAN || this == URL;
    }
}
