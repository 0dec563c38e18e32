package dev.cairn.insights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Small, exact statistics: percentiles by nearest rank and the Gini coefficient. */
public final class Stats {

    private Stats() {}

    /**
     * The nearest-rank percentile (p in 0..100) of the values; null when there are none. The median
     * of an even count is the lower middle value, so every reported figure is one real incident's.
     */
    public static Long percentile(Collection<Long> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static Long median(Collection<Long> values) {
        return percentile(values, 50);
    }

    /**
     * Gini coefficient of how unevenly the counts are spread: 0 when everyone took part equally,
     * approaching 1 when one person did everything. Computed as sum |xi - xj| / (2 n^2 mean).
     */
    public static double gini(Collection<? extends Number> counts) {
        double[] x = counts.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int n = x.length;
        double sum = Arrays.stream(x).sum();
        if (n == 0 || sum == 0) {
            return 0;
        }
        // With sorted values: sum_i (2i - n - 1) x_i / (n * sum), i from 1.
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            weighted += (2.0 * (i + 1) - n - 1) * x[i];
        }
        return weighted / (n * sum);
    }

    /**
     * The {@code limit} largest values by {@code order}, largest first, without sorting them all: a
     * heap of {@code limit} values, so picking the 400 costliest of 100,000 incidents is one pass.
     * Ties keep no particular order.
     */
    public static <T> List<T> top(Collection<T> values, int limit, Comparator<? super T> order) {
        if (limit <= 0) {
            return List.of();
        }
        PriorityQueue<T> smallestFirst = new PriorityQueue<>(Math.min(limit, Math.max(1, values.size())), order);
        for (T value : values) {
            if (smallestFirst.size() < limit) {
                smallestFirst.add(value);
            } else if (order.compare(value, smallestFirst.peek()) > 0) {
                smallestFirst.poll();
                smallestFirst.add(value);
            }
        }
        List<T> top = new ArrayList<>(smallestFirst);
        top.sort(order.reversed());
        return top;
    }
}
