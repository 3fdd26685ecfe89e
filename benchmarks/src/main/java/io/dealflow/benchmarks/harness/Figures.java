package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

/** Turns measurements into the JSON fields every scenario uses, rounded to what the noise allows. */
final class Figures {

    private Figures() {
    }

    static ObjectNode scenario(String name) {
        return Api.JSON.createObjectNode().put("scenario", name);
    }

    /** Count, rate and latency percentiles of a load run. */
    static ObjectNode load(ObjectNode into, String prefix, LoadDriver.Result result) {
        into.put(prefix + "operations", result.operations());
        into.put(prefix + "errors", result.errors());
        into.put(prefix + "seconds", round(result.seconds(), 1));
        into.put(prefix + "per_s", round(result.perSecond(), 0));
        latencies(into, prefix, result.micros());
        if (result.firstError() != null) {
            into.put(prefix + "first_error", result.firstError());
        }
        return into;
    }

    /** p50, p99, p999 and max in milliseconds. */
    static ObjectNode latencies(ObjectNode into, String prefix, Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return into;
        }
        into.put(prefix + "p50_ms", round(micros.getValueAtPercentile(50) / 1000.0, 2));
        into.put(prefix + "p99_ms", round(micros.getValueAtPercentile(99) / 1000.0, 2));
        into.put(prefix + "p999_ms", round(micros.getValueAtPercentile(99.9) / 1000.0, 2));
        into.put(prefix + "max_ms", round(micros.getMaxValue() / 1000.0, 2));
        return into;
    }

    static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
