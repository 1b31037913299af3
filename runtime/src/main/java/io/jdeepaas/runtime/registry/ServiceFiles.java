package io.jdeepaas.runtime.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads {@code META-INF/services} files line by line, without loading any class, so one bad line
 * spoils only itself (where {@link java.util.ServiceLoader} stops at the first bad line).
 */
final class ServiceFiles {

    /**
     * One class named in a services file.
     *
     * @param className the class's binary name
     * @param location the jar or folder whose services file names it
     */
    record Declaration(String className, String location) {
    }

    private ServiceFiles() {
    }

    /**
     * @param loader where to look
     * @param service the service interface
     * @param ownOnly for a module loader, read only the module's own files (not its parents')
     * @return every declared class, in file order
     */
    static List<Declaration> read(ClassLoader loader, Class<?> service, boolean ownOnly) {
        String file = "META-INF/services/" + service.getName();
        List<Declaration> found = new ArrayList<>();
        try {
            List<URL> urls = ownOnly && loader instanceof ModuleClassLoader module
                    ? Collections.list(module.findResources(file)) : Collections.list(loader.getResources(file));
            for (URL url : urls) {
                String location = locationOf(url, file);
                for (String className : lines(url)) {
                    found.add(new Declaration(className, location));
                }
            }
        } catch (IOException e) {
            throw new StartupException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static List<String> lines(URL url) throws IOException {
        List<String> names = new ArrayList<>();
        java.net.URLConnection connection = url.openConnection();
        connection.setUseCaches(false); // a jar rebuilt in dev mode must be read anew
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** @return the jar or folder path holding a resource, e.g. {@code /m/sentiment.jar} */
    private static String locationOf(URL url, String file) {
        String text = url.toString();
        if (text.startsWith("jar:")) {
            text = text.substring(4, text.indexOf("!/"));
        } else if (text.endsWith(file)) {
            text = text.substring(0, text.length() - file.length());
        }
        try {
            return java.nio.file.Path.of(java.net.URI.create(text)).toString();
        } catch (RuntimeException e) {
            return text;
        }
    }
}
