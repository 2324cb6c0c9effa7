package dev.gen2.benchmark;

import java.util.List;

/** Median, minimum and maximum of a series of measurements. */
record Figures(double median, double min, double max, int count) {

    static Figures of(List<Double> values) {
        if (values.isEmpty()) {
            return new Figures(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return new Figures(median, sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    /** {@code median 1.23 s (min 1.10, max 1.40, 5 runs)}. */
    static String summary(List<Double> seconds) {
        Figures figures = of(seconds);
        return String.format("median %.2f s (min %.2f, max %.2f, %d runs)", figures.median, figures.min, figures.max,
                figures.count);
    }
}
