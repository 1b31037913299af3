package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.training.LogLine;
import io.jdeepaas.runtime.training.Progress;
import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a local training on standard error: a progress bar (steps of total, the latest metrics),
 * and above it each log line the module writes. On a terminal the bar redraws in place; otherwise
 * (a pipe, a file, a test) each step is one line.
 */
final class TrainingView implements AutoCloseable {

    private final PrintStream err;
    private final boolean terminal;
    private final ProgressBar bar;
    private String lastBar = "";
    private long lastStep = -1;

    TrainingView(String model, PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        this.bar = new ProgressBarBuilder().setTaskName("train " + model).setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate()
                .setConsumer(new DelegatingProgressBarConsumer(this::draw, 100)).build();
    }

    /** Shows new log lines, then the progress. */
    synchronized void update(Progress progress, Iterable<LogLine> newLines) {
        for (LogLine line : newLines) {
            if (terminal) {
                err.print("\r\033[K");
            }
            err.println(line.line());
            if (terminal && !lastBar.isEmpty()) {
                err.print("\r" + lastBar);
            }
        }
        if (progress.total() > 0) {
            bar.maxHint(progress.total());
        }
        bar.stepTo(progress.step());
        bar.setExtraMessage(metrics(progress.metrics()));
        if (!terminal && progress.step() != lastStep && progress.total() > 0) {
            lastStep = progress.step();
            err.println("step " + progress.step() + "/" + progress.total() + " " + metrics(progress.metrics()));
        }
        err.flush();
    }

    private synchronized void draw(String rendered) {
        lastBar = rendered;
        if (terminal) {
            err.print("\r" + rendered);
            err.flush();
        }
    }

    private static String metrics(Map<String, Double> metrics) {
        return metrics.entrySet().stream().map(e -> e.getKey() + "=" + String.format("%.4g", e.getValue()))
                .collect(Collectors.joining(" "));
    }

    @Override
    public void close() {
        bar.close();
        if (terminal) {
            err.println();
        }
    }
}
