package dev.cairn.incident.internal;

import dev.cairn.incident.Milestone;
import dev.cairn.shared.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rules for the key times: none in the future, none before the impact began or was detected. */
public final class KeyTimes {

    private KeyTimes() {}

    public static void check(Map<Milestone, Instant> times, Instant now) {
        Instant limit = now.plusSeconds(300);
        times.forEach((milestone, at) -> {
            if (at.isAfter(limit)) {
                throw new InvalidInputException(milestone.field(), "cannot be in the future");
            }
        });
        Instant impact = times.get(Milestone.IMPACT_STARTED);
        Instant detected = times.get(Milestone.DETECTED);
        if (impact != null && detected != null && detected.isBefore(impact)) {
            throw new InvalidInputException("detectedAt", "cannot be before impactStartedAt");
        }
        Instant earliest = impact != null ? impact : detected;
        for (Milestone later : List.of(Milestone.MITIGATED, Milestone.RESOLVED)) {
            Instant at = times.get(later);
            if (at != null && earliest != null && at.isBefore(earliest)) {
                throw new InvalidInputException(later.field(), "cannot be before the impact started or was detected");
            }
        }
    }
}
