package io.jdeepaas.runtime.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, which the browser tests drive (Playwright never downloads a browser of its own).
 * When {@code /usr/bin/chromium} is missing and the tests run as root (as CI does, on a fresh
 * machine), it is installed with {@code apt-get update && apt-get install -y chromium}. As another
 * user it cannot be: the tests then fail under CI ({@code CI=true}) and are skipped elsewhere, with
 * the command to run.
 */
final class Chromium {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    /** @return the browser's executable, installed first when it is missing and this is root */
    static synchronized Path executable() throws IOException, InterruptedException {
        if (Files.isExecutable(EXECUTABLE)) {
            return EXECUTABLE;
        }
        String missing = EXECUTABLE + " is missing; install Debian's chromium: sudo apt-get update && sudo apt-get"
                + " install -y chromium";
        if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(missing + " (CI runs the browser tests; they are not skipped there)");
            }
            Assumptions.abort(missing);
        }
        Process install = new ProcessBuilder("sh", "-c", "apt-get update && DEBIAN_FRONTEND=noninteractive"
                + " apt-get install -y --no-install-recommends chromium").inheritIO().start();
        if (!install.waitFor(20, TimeUnit.MINUTES)) {
            install.destroyForcibly();
            throw new IllegalStateException("installing chromium took more than 20 minutes");
        }
        if (install.exitValue() != 0 || !Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("apt-get could not install chromium (exit " + install.exitValue() + ")");
        }
        return EXECUTABLE;
    }
}
