package io.jdeepaas.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of a {@link ModelEntryPoint}, readable without creating it. With it the runtime's
 * {@code --model-name} selection leaves an unselected class uncreated (its constructor never runs),
 * and {@link ModelEntryPoint#name()} needs no implementation:
 *
 * <pre>{@code
 * @ModelName("echo")
 * public final class Echo implements ModelEntryPoint { ... }
 * }</pre>
 *
 * <p>A class that also implements {@code name()} must return the same name, or its model is
 * {@code failed}. A class without the annotation is created to learn its name, selected or not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ModelName {

    /** @return the model name, as {@link ModelEntryPoint#name()} describes it */
    String value();
}
