package dev.cairn.oncall;

import dev.cairn.shared.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who is on call, computed from a schedule alone: no clock, no database, no I/O. The last layer that
 * has someone on at an instant decides; overrides then apply on top, in their order.
 */
public final class OnCall {

    private OnCall() {}

    /** Who is on call at {@code at} and which layer or override decided; empty when nobody is. */
    public static Optional<OnCallAt> whoIsOnCall(Schedule schedule, Instant at) {
        Checks.required(at, "at");
        return pieces(schedule, at, at.plusNanos(1)).stream()
                .findFirst()
                .map(piece -> new OnCallAt(piece.userId(), piece.source()));
    }

    /**
     * The final shifts within {@code [from, to)}, clipped to it, in order; times when nobody is on call
     * are gaps between them, and adjacent shifts of the same person are one shift.
     */
    public static List<Shift> shifts(Schedule schedule, Instant from, Instant to) {
        return merge(pieces(schedule, from, to));
    }

    /** Each layer's own shifts within {@code [from, to)}, in layer order, before layering and overrides. */
    public static List<LayerShifts> layerShifts(Schedule schedule, Instant from, Instant to) {
        checkRange(schedule, from, to);
        return schedule.layers().stream()
                .map(layer -> new LayerShifts(layer.name(), merge(layerPieces(schedule, layer, from, to))))
                .toList();
    }

    private static void checkRange(Schedule schedule, Instant from, Instant to) {
        Checks.required(schedule, "schedule");
        Checks.required(from, "from");
        Checks.required(to, "to");
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "must not be before from");
        }
    }

    private static List<Shift> layerPieces(Schedule schedule, Layer layer, Instant from, Instant to) {
        List<Shift> rotation = new HandOffs(layer, schedule.zone()).between(from, to);
        if (layer.restrictions().isEmpty()) {
            return rotation;
        }
        return Windows.clip(rotation, Windows.of(layer.restrictions(), schedule.zone(), from, to));
    }

    /**
     * Cuts the range at every boundary of every layer and override, and decides each piece on its own:
     * between two consecutive boundaries nothing changes.
     */
    private static List<Shift> pieces(Schedule schedule, Instant from, Instant to) {
        checkRange(schedule, from, to);
        List<List<Shift>> layers = new ArrayList<>();
        TreeSet<Instant> cuts = new TreeSet<>(List.of(from, to));
        for (Layer layer : schedule.layers()) {
            List<Shift> pieces = layerPieces(schedule, layer, from, to);
            layers.add(pieces);
            pieces.forEach(piece -> {
                cuts.add(piece.start());
                cuts.add(piece.end());
            });
        }
        List<ScheduleOverride> overrides = schedule.overrides().stream()
                .filter(o -> o.start().isBefore(to) && o.end().isAfter(from))
                .toList();
        for (ScheduleOverride o : overrides) {
            cuts.add(HandOffs.max(o.start(), from));
            cuts.add(HandOffs.min(o.end(), to));
        }
        int[] next = new int[layers.size()];
        List<Shift> result = new ArrayList<>();
        Instant start = null;
        for (Instant end : cuts) {
            if (start != null) {
                decide(layers, next, overrides, start, end).ifPresent(result::add);
            }
            start = end;
        }
        return result;
    }

    private static Optional<Shift> decide(
            List<List<Shift>> layers, int[] next, List<ScheduleOverride> overrides, Instant start, Instant end) {
        Long userId = null;
        String source = null;
        for (int i = layers.size() - 1; i >= 0; i--) {
            List<Shift> pieces = layers.get(i);
            while (next[i] < pieces.size() && !pieces.get(next[i]).end().isAfter(start)) {
                next[i]++;
            }
            if (userId == null
                    && next[i] < pieces.size()
                    && !pieces.get(next[i]).start().isAfter(start)) {
                userId = pieces.get(next[i]).userId();
                source = pieces.get(next[i]).source();
            }
        }
        for (ScheduleOverride o : overrides) {
            if (!o.start().isAfter(start) && o.end().isAfter(start) && o.appliesTo(userId)) {
                userId = o.userId();
                source = Shift.OVERRIDE;
            }
        }
        return userId == null ? Optional.empty() : Optional.of(new Shift(userId, start, end, source));
    }

    /** Joins touching pieces of the same person, keeping every source that contributed. */
    private static List<Shift> merge(List<Shift> pieces) {
        List<Shift> merged = new ArrayList<>();
        LinkedHashSet<String> sources = new LinkedHashSet<>();
        for (Shift piece : pieces) {
            Shift last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && last.userId() == piece.userId() && last.end().equals(piece.start())) {
                sources.add(piece.source());
                merged.set(
                        merged.size() - 1,
                        new Shift(last.userId(), last.start(), piece.end(), String.join(" + ", sources)));
            } else {
                sources.clear();
                sources.add(piece.source());
                merged.add(piece);
            }
        }
        return merged;
    }
}
