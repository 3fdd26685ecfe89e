package io.dealflow.benchmarks.harness;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Projection lag as a client sees it: moves one of its own deals, then asks a read model for that deal's stage with
 * the command's {@code Consistency-Token}; the time from the command's answer to the query's answer is the lag (the
 * query's own time included, and the server checks the projections' positions every 15 ms). Ten probes a second, on
 * a thread of its own, beside the load.
 */
final class LagProbe implements Runnable {

    private static final long MAX_MICROS = Duration.ofSeconds(30).toNanos() / 1000;

    private final CommandMix.Client client;
    private final CommandMix.Deal deal;
    private final Api api;
    private final Function<CommandMix.Deal, String> queryPath;
    private final Histogram micros = new Histogram(MAX_MICROS, 3);
    private volatile boolean stopped;
    private long measureFrom = Long.MAX_VALUE;
    private long unanswered;

    LagProbe(Api api, CommandMix.Client client, Function<CommandMix.Deal, String> queryPath) {
        this.api = api;
        this.client = client;
        this.queryPath = queryPath;
        client.create();
        this.deal = client.anyOpenDeal();
    }

    /** Records only probes started at or after {@code nanoTime}, to skip the warm-up. */
    void measureFrom(long nanoTime) {
        this.measureFrom = nanoTime;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        while (!stopped) {
            long began = System.nanoTime();
            Api.Answer command = client.moveAndAnswer(deal);
            long answered = System.nanoTime();
            if (command.status() == 200) {
                Api.Answer query = api.get(queryPath.apply(deal), command.token());
                long visible = System.nanoTime();
                if (began >= measureFrom) {
                    if (query.status() == 200) {
                        micros.recordValue(Math.min(MAX_MICROS, Math.max(1, (visible - answered) / 1000)));
                    } else {
                        unanswered++;
                    }
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Histogram micros() {
        return micros;
    }

    /** Probes whose query did not answer 200 (503: the projection was over 5 s behind). */
    long unanswered() {
        return unanswered;
    }
}
