package dev.cairn.oncall;

import dev.cairn.shared.InvalidInputException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;

/**
 * An on-call schedule: layers in order (a later layer that has someone on wins over earlier ones)
 * and overrides applied on top of the result (a later override wins where two overlap). Local times
 * of hand-offs and restrictions are read in {@code zone}, as the first instant the wall clock shows
 * them or later: a time skipped when clocks go forward is the moment they jump, and a time that
 * happens twice when they go back is its first occurrence.
 */
public record Schedule(String name, ZoneId zone, List<Layer> layers, List<ScheduleOverride> overrides) {

    public Schedule {
        name = Checks.name(name, "schedule.name");
        Checks.required(zone, "schedule.zone");
        layers = Checks.list(layers, "schedule.layers");
        overrides = Checks.list(overrides, "schedule.overrides");
        var names = new HashSet<String>();
        for (Layer layer : layers) {
            if (!names.add(layer.name())) {
                throw new InvalidInputException("schedule.layers", "layer names must differ: " + layer.name());
            }
        }
    }
}
