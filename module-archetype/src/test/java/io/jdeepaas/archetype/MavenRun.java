package io.jdeepaas.archetype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Maven that runs this build, started on a folder with arguments; its output kept in a log file. */
final class MavenRun {

    private MavenRun() {
    }

    /**
     * @return the log of the run
     * @throws AssertionError when Maven fails or takes longer than ten minutes, with the log's end
     */
    static String run(Path folder, Path log, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DEEPAAS_"));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", arguments) + " took over 10 minutes:\n" + tail(log));
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new AssertionError("mvn " + String.join(" ", arguments) + " failed (exit " + process.exitValue()
                    + "):\n" + tail(log));
        }
        return output;
    }

    private static String executable() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}
