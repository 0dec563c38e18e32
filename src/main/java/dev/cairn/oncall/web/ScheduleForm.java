package dev.cairn.oncall.web;

import dev.cairn.oncall.Layer;
import dev.cairn.oncall.Restriction;
import dev.cairn.oncall.Rotation;
import dev.cairn.oncall.Schedule;
import dev.cairn.oncall.ScheduleOverride;
import dev.cairn.oncall.ScheduleView;
import dev.cairn.shared.InvalidInputException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.util.MultiValueMap;

/**
 * The schedule editor's form as typed. Every value stays a string so a refused form comes back
 * exactly as it was typed; {@link #check} turns it into domain values through the domain's own
 * constructors and names the input each refusal belongs to. Inputs are named {@code name},
 * {@code timeZone}, {@code teamId}, {@code layer<i>.name}, {@code layer<i>.participant<j>} (in
 * turn order), {@code layer<i>.start|handoff|unit|length} and {@code layer<i>.window<k>.day|start|end}.
 */
record ScheduleForm(String name, String timeZone, String teamId, List<LayerRow> layers) {

    static final int MAX_LAYERS = 20;
    static final int MAX_PEOPLE = 100;
    static final int MAX_WINDOWS = 50;

    /** A weekly window of a layer. */
    record WindowRow(String day, String start, String end) {}

    /** A layer as typed; blank participant positions are kept on the form and left out when saved. */
    record LayerRow(
            String name,
            List<String> participants,
            String start,
            String handoff,
            String unit,
            String length,
            List<WindowRow> windows) {

        LayerRow withParticipants(UnaryOperator<List<String>> change) {
            return new LayerRow(
                    name, change.apply(new ArrayList<>(participants)), start, handoff, unit, length, windows);
        }

        LayerRow withWindows(UnaryOperator<List<WindowRow>> change) {
            return new LayerRow(
                    name, participants, start, handoff, unit, length, change.apply(new ArrayList<>(windows)));
        }
    }

    /** The form in domain values, or what is wrong with it: input name → a sentence naming the field. */
    record Checked(Schedule schedule, Long teamId, Map<String, String> errors) {}

    /** A first schedule: one weekly layer with its author in it, handing off at 09:00 from today. */
    static ScheduleForm blank(String zone, long author, LocalDate today) {
        return new ScheduleForm(
                "",
                zone,
                "",
                List.of(new LayerRow(
                        "Primary",
                        List.of(String.valueOf(author), ""),
                        today.atTime(9, 0).toString(),
                        "09:00",
                        "WEEKS",
                        "1",
                        List.of())));
    }

    static ScheduleForm of(ScheduleView view) {
        ZoneId zone = ZoneId.of(view.timeZone());
        return new ScheduleForm(
                view.name(),
                view.timeZone(),
                view.teamId() == null ? "" : String.valueOf(view.teamId()),
                view.layers().stream()
                        .map(l -> new LayerRow(
                                l.name(),
                                l.participants().stream().map(String::valueOf).toList(),
                                l.start()
                                        .atZone(zone)
                                        .toLocalDateTime()
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toString(),
                                l.handoff().toString(),
                                l.rotation().unit().name(),
                                String.valueOf(l.rotation().length()),
                                l.restrictions().stream()
                                        .map(r -> new WindowRow(
                                                r.day().name(),
                                                r.start().toString(),
                                                r.end().toString()))
                                        .toList()))
                        .toList());
    }

    static ScheduleForm typed(MultiValueMap<String, String> params) {
        List<LayerRow> layers = new ArrayList<>();
        for (int i = 0; i < MAX_LAYERS && params.containsKey("layer" + i + ".name"); i++) {
            String p = "layer" + i + ".";
            List<String> people = new ArrayList<>();
            for (int j = 0; j < MAX_PEOPLE && params.containsKey(p + "participant" + j); j++) {
                people.add(text(params, p + "participant" + j));
            }
            List<WindowRow> windows = new ArrayList<>();
            for (int k = 0; k < MAX_WINDOWS && params.containsKey(p + "window" + k + ".day"); k++) {
                String w = p + "window" + k + ".";
                windows.add(new WindowRow(text(params, w + "day"), text(params, w + "start"), text(params, w + "end")));
            }
            layers.add(new LayerRow(
                    text(params, p + "name"),
                    people,
                    text(params, p + "start"),
                    text(params, p + "handoff"),
                    text(params, p + "unit"),
                    text(params, p + "length"),
                    windows));
        }
        return new ScheduleForm(text(params, "name"), text(params, "timeZone"), text(params, "teamId"), layers);
    }

    /**
     * The form after one of its buttons: {@code add-layer}, {@code remove-layer:i}, {@code add-person:i},
     * {@code remove-person:i:j}, {@code up:i:j}, {@code down:i:j}, {@code add-window:i}, {@code
     * remove-window:i:k}. Unknown or out-of-range buttons leave it as it is.
     */
    Edited apply(String action) {
        String[] parts = action.split(":");
        int i = parts.length > 1 ? index(parts[1]) : -1;
        int j = parts.length > 2 ? index(parts[2]) : -1;
        List<LayerRow> changed = new ArrayList<>(layers);
        if (parts[0].equals("add-layer") && layers.size() < MAX_LAYERS) {
            changed.add(newLayer());
            return new Edited(with(changed), "layer" + layers.size() + "-name");
        }
        if (i < 0 || i >= layers.size()) {
            return new Edited(this, null);
        }
        LayerRow layer = layers.get(i);
        int people = layer.participants().size();
        String l = "layer" + i + "-";
        switch (parts[0]) {
            case "remove-layer" -> {
                if (layers.size() > 1) {
                    changed.remove(i);
                    return new Edited(with(changed), "add-layer");
                }
            }
            case "add-person" -> {
                if (people < MAX_PEOPLE) {
                    changed.set(i, layer.withParticipants(list -> append(list, "")));
                    return new Edited(with(changed), l + "participant" + people);
                }
            }
            case "remove-person" -> {
                if (j >= 0 && j < people) {
                    changed.set(i, layer.withParticipants(list -> {
                        list.remove(j);
                        return list.isEmpty() ? List.of("") : list;
                    }));
                    return new Edited(with(changed), l + "add-person");
                }
            }
            case "up", "down" -> {
                int other = parts[0].equals("up") ? j - 1 : j + 1;
                if (j >= 0 && j < people && other >= 0 && other < people) {
                    changed.set(i, layer.withParticipants(list -> {
                        java.util.Collections.swap(list, j, other);
                        return list;
                    }));
                    return new Edited(with(changed), l + "participant" + other);
                }
            }
            case "add-window" -> {
                if (layer.windows().size() < MAX_WINDOWS) {
                    changed.set(i, layer.withWindows(list -> append(list, new WindowRow("MONDAY", "09:00", "17:00"))));
                    return new Edited(
                            with(changed), l + "window" + layer.windows().size() + "-day");
                }
            }
            case "remove-window" -> {
                if (j >= 0 && j < layer.windows().size()) {
                    changed.set(i, layer.withWindows(list -> {
                        list.remove(j);
                        return list;
                    }));
                    return new Edited(with(changed), l + "add-window");
                }
            }
            default -> {}
        }
        return new Edited(this, null);
    }

    /** The form after a button, and the id of the input to focus so the page opens where the change is. */
    record Edited(ScheduleForm form, String focus) {}

    /**
     * The schedule this form describes, checked by the domain's constructors. Local dates and times
     * are read in the form's time zone. {@code overrides} are the stored ones, kept for a preview.
     */
    Checked check(List<ScheduleOverride> overrides, boolean preview) {
        Map<String, String> errors = new LinkedHashMap<>();
        ZoneId zone = ZoneOffset.UTC;
        try {
            zone = ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            errors.put("timeZone", "Time zone must be a time zone such as Europe/Paris");
        }
        Long team = null;
        if (!teamId.isBlank()) {
            try {
                team = Long.parseLong(teamId.strip());
            } catch (NumberFormatException e) {
                errors.put("teamId", "Team is not a known team");
            }
        }
        List<Layer> built = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layer(i, zone, errors);
            if (layer != null) {
                built.add(layer);
            }
        }
        if (!errors.isEmpty()) {
            return new Checked(null, team, errors);
        }
        try {
            String named = preview && name.isBlank() ? "Preview" : name;
            return new Checked(new Schedule(named, zone, built, overrides), team, errors);
        } catch (InvalidInputException e) {
            errors.put(scheduleKey(e.field()), scheduleError(e));
            return new Checked(null, team, errors);
        }
    }

    /** A refusal of the whole schedule (from {@code Schedules} or {@link Schedule}) as an input name. */
    static String scheduleKey(String field) {
        return switch (field) {
            case "schedule.name", "name" -> "name";
            case "timeZone", "schedule.zone" -> "timeZone";
            case "teamId" -> "teamId";
            default -> "layers";
        };
    }

    static String scheduleError(InvalidInputException e) {
        String label = switch (scheduleKey(e.field())) {
            case "name" -> "Name";
            case "timeZone" -> "Time zone";
            case "teamId" -> "Team";
            default -> e.field().endsWith("participants") ? "Participants" : "Layers";
        };
        return label + " " + e.getMessage();
    }

    private Layer layer(int i, ZoneId zone, Map<String, String> errors) {
        LayerRow row = layers.get(i);
        String key = "layer" + i + ".";
        String label = "Layer " + (i + 1) + ": ";
        List<Long> people = new ArrayList<>();
        for (String person : row.participants()) {
            if (!person.isBlank()) {
                try {
                    people.add(Long.parseLong(person.strip()));
                } catch (NumberFormatException e) {
                    errors.putIfAbsent(key + "participants", label + "participants must be people from the list");
                }
            }
        }
        Instant start = null;
        if (!row.start().isBlank()) {
            try {
                start = LocalDateTime.parse(row.start().strip()).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                errors.put(key + "start", label + "start must be a date and time");
                start = Instant.EPOCH;
            }
        }
        LocalTime handoff = time(row.handoff(), key + "handoff", label + "hand-off time", errors);
        Rotation rotation = rotation(row, key, label, errors);
        List<Restriction> windows = new ArrayList<>();
        for (int k = 0; k < row.windows().size(); k++) {
            WindowRow w = row.windows().get(k);
            String wk = key + "window" + k + ".";
            String wl = "Layer " + (i + 1) + ", window " + (k + 1) + ": ";
            DayOfWeek day = null;
            if (!w.day().isBlank()) {
                try {
                    day = DayOfWeek.valueOf(w.day().strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.put(wk + "day", wl + "day must be a day of the week");
                    continue;
                }
            }
            LocalTime from = time(w.start(), wk + "start", wl + "start", errors);
            LocalTime to = time(w.end(), wk + "end", wl + "end", errors);
            try {
                windows.add(new Restriction(day, from, to));
            } catch (InvalidInputException e) {
                String field = e.field().substring(e.field().indexOf('.') + 1);
                errors.putIfAbsent(wk + field, wl + field + " " + e.getMessage());
            }
        }
        try {
            return new Layer(
                    row.name(),
                    people,
                    start,
                    handoff == null && !row.handoff().isBlank() ? LocalTime.MIDNIGHT : handoff,
                    rotation == null ? Rotation.weekly() : rotation,
                    windows);
        } catch (InvalidInputException e) {
            String field = switch (e.field()) {
                case "layer.name" -> "name";
                case "layer.participants" -> "participants";
                case "layer.start" -> "start";
                case "layer.handoff" -> "handoff";
                case "layer.rotation" -> "unit";
                default -> "windows";
            };
            String shown = field.equals("handoff") ? "hand-off time" : field;
            errors.putIfAbsent(key + field, label + shown + " " + e.getMessage());
            return null;
        }
    }

    private static Rotation rotation(LayerRow row, String key, String label, Map<String, String> errors) {
        Rotation.Unit unit = null;
        try {
            unit = row.unit().isBlank()
                    ? null
                    : Rotation.Unit.valueOf(row.unit().strip());
        } catch (IllegalArgumentException e) {
            errors.put(key + "unit", label + "rotation unit must be hours, days or weeks");
            return null;
        }
        int length;
        try {
            length = Integer.parseInt(row.length().strip());
        } catch (NumberFormatException e) {
            errors.put(key + "length", label + "rotation length must be a whole number");
            return null;
        }
        try {
            return new Rotation(unit, length);
        } catch (InvalidInputException e) {
            String field = e.field().equals("rotation.unit") ? "unit" : "length";
            errors.put(key + field, label + "rotation " + field + " " + e.getMessage());
            return null;
        }
    }

    /** A time as typed, or null when blank (the domain then says it is required) or not a time. */
    private static LocalTime time(String value, String key, String label, Map<String, String> errors) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeException e) {
            errors.put(key, label + " must be a time such as 08:00");
            return null;
        }
    }

    private LayerRow newLayer() {
        LayerRow first = layers.isEmpty() ? null : layers.getFirst();
        return new LayerRow(
                "Layer " + (layers.size() + 1),
                List.of(""),
                first == null ? "" : first.start(),
                first == null ? "09:00" : first.handoff(),
                "DAYS",
                "1",
                List.of());
    }

    private ScheduleForm with(List<LayerRow> changed) {
        return new ScheduleForm(name, timeZone, teamId, List.copyOf(changed));
    }

    private static <T> List<T> append(List<T> list, T value) {
        list.add(value);
        return list;
    }

    private static int index(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(MultiValueMap<String, String> params, String key) {
        String value = params.getFirst(key);
        return value == null ? "" : value;
    }
}
