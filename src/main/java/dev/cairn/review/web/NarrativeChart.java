package dev.cairn.review.web;

import dev.cairn.incident.Incident;
import dev.cairn.incident.Participant;
import dev.cairn.review.Highlight;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The narrative as a chart: phases as lanes over time (tagged moments close together form one
 * span; a phase that comes back gets another span), the key moments, and who was in the incident
 * when. Serialised to JSON for the page's small Chart.js script.
 */
final class NarrativeChart {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NarrativeChart() {}

    record Bar(String lane, long from, long to, String label) {}

    record Data(List<String> phases, List<String> people, List<Bar> phaseBars, List<Bar> moments, List<Bar> presence) {}

    static String of(Incident incident, List<Highlight> highlights, List<Participant> participants) {
        Instant start =
                incident.impactStartedAt() != null && incident.impactStartedAt().isBefore(incident.declaredAt())
                        ? incident.impactStartedAt()
                        : incident.declaredAt();
        Instant end = incident.resolvedAt() != null ? incident.resolvedAt() : incident.updatedAt();
        for (Highlight h : highlights) {
            start = h.occurredAt().isBefore(start) ? h.occurredAt() : start;
            end = h.occurredAt().isAfter(end) ? h.occurredAt() : end;
        }
        Duration length = Duration.between(start, end);
        long gap = Math.max(Duration.ofMinutes(10).toMillis(), length.toMillis() / 12);
        long width = Math.max(Duration.ofMinutes(1).toMillis(), length.toMillis() / 100);

        Map<String, List<Long>> byPhase = new LinkedHashMap<>();
        List<Bar> moments = new ArrayList<>();
        for (Highlight h : highlights) {
            long t = h.occurredAt().toEpochMilli();
            h.phases()
                    .forEach(p ->
                            byPhase.computeIfAbsent(p, k -> new ArrayList<>()).add(t));
            if (h.keyMoment()) {
                moments.add(new Bar("Key moments", t, t + width, h.authorName() + ": " + shorten(h.body())));
            }
        }
        List<Bar> phaseBars = new ArrayList<>();
        byPhase.forEach((phase, times) -> {
            List<Long> sorted = times.stream().sorted().toList();
            long from = sorted.getFirst();
            long to = from;
            for (long t : sorted.subList(1, sorted.size())) {
                if (t - to > gap) {
                    phaseBars.add(new Bar(phase, from, Math.max(to, from + width), phase));
                    from = t;
                }
                to = t;
            }
            phaseBars.add(new Bar(phase, from, Math.max(to, from + width), phase));
        });
        List<Bar> presence = new ArrayList<>();
        List<String> people = new ArrayList<>();
        long endMillis = end.toEpochMilli();
        for (Participant p : participants) {
            if (!people.contains(p.name())) {
                people.add(p.name());
            }
            long from = p.joinedAt().toEpochMilli();
            long to = p.leftAt() == null ? endMillis : p.leftAt().toEpochMilli();
            presence.add(new Bar(p.name(), from, Math.max(to, from + width), p.name()));
        }
        return JSON.writeValueAsString(new Data(List.copyOf(byPhase.keySet()), people, phaseBars, moments, presence));
    }

    private static String shorten(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() > 80 ? line.substring(0, 79) + "\u2026" : line;
    }
}
