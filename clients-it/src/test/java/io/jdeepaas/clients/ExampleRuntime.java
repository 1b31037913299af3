package io.jdeepaas.clients;

import io.jdeepaas.runtime.Server;
import io.jdeepaas.runtime.config.RuntimeConfig;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * The real runtime with the example modules demo, digits and iris, started once on a free port for
 * every generated client's tests, and the files those tests upload.
 */
final class ExampleRuntime {

    private static ExampleRuntime shared;

    private final Server server;
    private final Path folder;

    private ExampleRuntime(Server server, Path folder) {
        this.server = server;
        this.folder = folder;
    }

    /** @return the runtime, started on first use and stopped when the test JVM ends */
    static synchronized ExampleRuntime shared() {
        if (shared == null) {
            try {
                Path data = Files.createTempDirectory("jdeepaas-clients");
                String cache = System.getProperty("jdeepaas.engine.cache");
                RuntimeConfig config = RuntimeConfig.builder(data).listenPort(0).device("cpu")
                        .engineCacheDir(cache == null ? null : Path.of(cache))
                        .modelNames(Set.of("demo", "digits", "iris")).build();
                Server server = Server.start(config);
                server.awaitWarm(Duration.ofMinutes(5));
                shared = new ExampleRuntime(server, data);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            } catch (Exception e) {
                throw new IllegalStateException("the runtime did not start", e);
            }
        }
        return shared;
    }

    /** @return the server's root URL, without a trailing slash, as generated clients take it */
    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** @return a text file to attach */
    Path textFile() {
        try {
            return Files.writeString(folder.resolve("notes.txt"), "attached by a generated client\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param digit the digit to draw
     * @return a PNG of it, black on white, 90 pixels square, as a user's scan might look
     */
    Path digitPng(int digit) {
        BufferedImage image = new BufferedImage(90, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 90, 90);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 67));
        var metrics = g.getFontMetrics();
        String text = String.valueOf(digit);
        g.drawString(text, (90 - metrics.stringWidth(text)) / 2, (90 + metrics.getAscent() - metrics.getDescent()) / 2);
        g.dispose();
        try {
            Path file = folder.resolve("digit-" + digit + ".png");
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
