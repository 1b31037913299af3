package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Answers the other spelling of a route (with or without its trailing slash) with 308 to the
 * canonical one, keeping method, body and query string. The spellings are not routes: a request
 * that matched no route is checked against them before it is answered 404, so they cost the
 * matched requests nothing (every route is one more pattern Javalin tries on each request) and,
 * being redirects only, they need no role (the canonical route checks).
 */
final class Redirects {

    private static final Key<Redirects> KEY = new Key<>("jdeepaas.redirects");

    /** A non-canonical spelling: its pattern, and whether the canonical one adds or drops the slash. */
    private record Spelling(Pattern path, boolean addSlash) {
    }

    private final List<Spelling> spellings = new CopyOnWriteArrayList<>();

    private Redirects() {
    }

    /** Gives a server its (so far empty) set of spellings. */
    static void install(JavalinConfig config) {
        config.appData(KEY, new Redirects());
    }

    /**
     * @param app the server, set up with {@link #install}
     * @param from the non-canonical path pattern (Javalin syntax, {@code {param}} for one segment)
     * @param addSlash true when the canonical path is {@code from + "/"}, false when it is
     *     {@code from} without its trailing slash
     */
    static void permanent(Javalin app, String from, boolean addSlash) {
        StringBuilder regex = new StringBuilder();
        for (String part : from.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
        }
        app.unsafeConfig().pvt.appDataManager.get(KEY).spellings.add(new Spelling(Pattern.compile(regex.toString()),
                addSlash));
    }

    /**
     * Answers 308 when a request that matched no route is another spelling of one.
     *
     * @return whether it was answered
     */
    static boolean answer(Context ctx) {
        String path = ctx.path();
        String local = ErrorMapper.localPath(ctx);
        for (Spelling spelling : ctx.appData(KEY).spellings) {
            if (spelling.path().matcher(local).matches()) {
                String target = spelling.addSlash() ? path + "/" : path.substring(0, path.length() - 1);
                String query = ctx.queryString();
                ctx.header("Location", query == null ? target : target + "?" + query);
                ctx.status(HttpStatus.PERMANENT_REDIRECT);
                return true;
            }
        }
        return false;
    }
}
