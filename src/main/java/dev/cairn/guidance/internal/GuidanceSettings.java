package dev.cairn.guidance.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The thresholds of the nudges, from {@code cairn.guidance.*}. */
@Component
public class GuidanceSettings {

    private final Drift.Limits limits;
    private final Duration checkEvery;

    GuidanceSettings(
            @Value("${cairn.guidance.no-commander-urgent:PT5M}") Duration noCommanderUrgent,
            @Value("${cairn.guidance.no-commander:PT15M}") Duration noCommander,
            @Value("${cairn.guidance.urgent-severities:SEV1,SEV2}") String urgentSeverities,
            @Value("${cairn.guidance.no-update:PT30M}") Duration noUpdate,
            @Value("${cairn.guidance.unacknowledged-page:PT5M}") Duration unacknowledgedPage,
            @Value("${cairn.guidance.silence:PT20M}") Duration silence,
            @Value("${cairn.guidance.silence-severities:SEV1}") String silenceSeverities,
            @Value("${cairn.guidance.update-severities:SEV1,SEV2}") String updateSeverities,
            @Value("${cairn.guidance.check-every:PT1M}") Duration checkEvery) {
        this.limits = new Drift.Limits(
                noCommanderUrgent,
                noCommander,
                codes(urgentSeverities),
                noUpdate,
                unacknowledgedPage,
                silence,
                codes(silenceSeverities),
                codes(updateSeverities));
        this.checkEvery = checkEvery;
    }

    public Drift.Limits limits() {
        return limits;
    }

    /** The longest a watch waits between two checks (pages can open at any moment). */
    public Duration checkEvery() {
        return checkEvery;
    }

    private static Set<String> codes(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
