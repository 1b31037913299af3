package io.jdeepaas.runtime.registry;

/**
 * Turns a module's exception or linkage error into one sentence a module author can act on: a
 * missing class is named as a missing dependency, and the deepest useful message is kept.
 */
final class Failures {

    private Failures() {
    }

    /**
     * @param failure what a module threw
     * @return a short reason, without a stack trace
     */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
                String missing = t.getMessage() == null ? "?" : t.getMessage().replace('/', '.');
                return "it needs class " + missing + ", which the module does not hold: put that library in the"
                        + " module's jar, its lib/ folder or its manifest Class-Path (modules share only "
                        + String.join(", ", ModuleClassLoader.SHARED.stream()
                                .map(p -> p.substring(0, p.length() - 1)).toList()) + " with the runtime)";
            }
        }
        Throwable root = failure;
        while ((root instanceof ExceptionInInitializerError || root instanceof java.lang.reflect.InvocationTargetException
                || root.getMessage() == null) && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
