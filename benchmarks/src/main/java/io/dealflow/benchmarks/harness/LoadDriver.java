package io.dealflow.benchmarks.harness;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Drives operations from several threads and records their latencies in an HdrHistogram.
 *
 * <p>Closed loop: N clients, each sends its next request when the previous one answered. Open loop: requests are due
 * at a fixed rate whether or not earlier ones answered, and each latency is measured from when its request was due
 * (not from when a worker got round to sending it), so a stall shows in the latencies instead of hiding in fewer
 * samples (coordinated omission).
 */
final class LoadDriver {

    private static final long MAX_MICROS = Duration.ofMinutes(2).toNanos() / 1000;

    private LoadDriver() {
    }

    /** One client's next request: true when it answered as expected, false when it did not. */
    interface Operation {
        boolean run() throws Exception;
    }

    /**
     * What a run measured, over its measured window only.
     *
     * @param firstError the first failure seen, for the report; null when none
     */
    record Result(long operations, long errors, double seconds, Histogram micros, String firstError) {

        double perSecond() {
            return operations / seconds;
        }

        double millis(double percentile) {
            return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** N clients, each sending one request after the other, for {@code warmUp} (not recorded) then {@code measured}. */
    static Result closedLoop(int clients, Duration warmUp, Duration measured, IntFunction<Operation> clientFor)
            throws InterruptedException {
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long measureTo = measureFrom + measured.toNanos();
        return run(clients, clientFor, measureFrom, measureTo, (operation, recorder) -> {
            while (true) {
                long start = System.nanoTime();
                if (start >= measureTo) {
                    return;
                }
                boolean ok = call(operation, recorder);
                recorder.record(start, System.nanoTime(), ok);
            }
        });
    }

    /** N clients sending {@code total} requests between them as fast as they answer; everything is recorded. */
    static Result closedLoopCount(int clients, int total, IntFunction<Operation> clientFor)
            throws InterruptedException {
        AtomicLong remaining = new AtomicLong(total);
        long began = System.nanoTime();
        Result result = run(clients, clientFor, began, Long.MAX_VALUE, (operation, recorder) -> {
            while (remaining.getAndDecrement() > 0) {
                long start = System.nanoTime();
                boolean ok = call(operation, recorder);
                recorder.record(start, System.nanoTime(), ok);
            }
        });
        double seconds = (System.nanoTime() - began) / 1e9;
        return new Result(result.operations(), result.errors(), seconds, result.micros(), result.firstError());
    }

    /**
     * Requests due at {@code ratePerSecond}, sent by up to {@code workers} at a time; latency counts from when each
     * was due.
     */
    static Result openLoop(int ratePerSecond, int workers, Duration warmUp, Duration measured,
                           IntFunction<Operation> clientFor) throws InterruptedException {
        long interval = 1_000_000_000L / ratePerSecond;
        long origin = System.nanoTime();
        long measureFrom = origin + warmUp.toNanos();
        long measureTo = measureFrom + measured.toNanos();
        AtomicLong nextSlot = new AtomicLong();
        return run(workers, clientFor, measureFrom, measureTo, (operation, recorder) -> {
            while (true) {
                long due = origin + nextSlot.getAndIncrement() * interval;
                if (due >= measureTo) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                boolean ok = call(operation, recorder);
                recorder.record(due, System.nanoTime(), ok);
            }
        });
    }

    private interface Loop {
        void run(Operation operation, Recorder recorder) throws Exception;
    }

    /** One thread's counts; merged when the run ends, so the hot path shares nothing. */
    private static final class Recorder {

        final Histogram micros = new Histogram(MAX_MICROS, 3);
        final long measureFrom;
        final long measureTo;
        final AtomicReference<String> firstError;
        long operations;
        long errors;

        Recorder(long measureFrom, long measureTo, AtomicReference<String> firstError) {
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            this.firstError = firstError;
        }

        void record(long start, long end, boolean ok) {
            if (start < measureFrom || end > measureTo) {
                return;
            }
            if (ok) {
                operations++;
                micros.recordValue(Math.min(MAX_MICROS, Math.max(1, (end - start) / 1000)));
            } else {
                errors++;
            }
        }
    }

    private static boolean call(Operation operation, Recorder recorder) {
        try {
            return operation.run();
        } catch (Exception e) {
            recorder.firstError.compareAndSet(null, e.toString());
            return false;
        }
    }

    private static Result run(int threads, IntFunction<Operation> clientFor, long measureFrom, long measureTo,
                              Loop loop) throws InterruptedException {
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Recorder> recorders = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int client = 0; client < threads; client++) {
                Operation operation = clientFor.apply(client);
                Recorder recorder = new Recorder(measureFrom, measureTo, firstError);
                recorders.add(recorder);
                running.add(pool.submit(() -> {
                    loop.run(operation, recorder);
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Histogram all = new Histogram(MAX_MICROS, 3);
        long operations = 0;
        long errors = 0;
        for (Recorder recorder : recorders) {
            all.add(recorder.micros);
            operations += recorder.operations;
            errors += recorder.errors;
        }
        double seconds = (Math.min(measureTo, System.nanoTime()) - measureFrom) / 1e9;
        return new Result(operations, errors, seconds, all, firstError.get());
    }
}
