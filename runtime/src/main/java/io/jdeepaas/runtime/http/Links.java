package io.jdeepaas.runtime.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds absolute hrefs (base path included) and {@code {"rel", "href"}} link objects. */
public final class Links {

    private final String basePath;

    public Links(String basePath) {
        this.basePath = basePath;
    }

    String href(String path) {
        return basePath + path;
    }

    Map<String, String> link(String rel, String path) {
        Map<String, String> link = new LinkedHashMap<>();
        link.put("rel", rel);
        link.put("href", href(path));
        return link;
    }
}
