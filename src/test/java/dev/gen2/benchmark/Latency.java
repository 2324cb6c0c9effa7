package dev.gen2.benchmark;

import java.util.List;

/** The median and 95th percentile (nearest rank) of a series of times, in milliseconds. */
record Latency(double median, double p95, int count) {

    static Latency of(List<Double> millis) {
        if (millis.isEmpty()) {
            return new Latency(Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = millis.stream().sorted().toList();
        int size = sorted.size();
        double median = size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
        double p95 = sorted.get((int) Math.ceil(0.95 * size) - 1);
        return new Latency(median, p95, size);
    }
}
