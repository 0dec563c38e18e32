package dev.cairn.escalation;

import java.util.List;

/** What a writer sends to create or replace a policy. */
public record PolicyInput(
        String name, String description, Long teamId, Integer repeat, List<StepInput> steps, List<Long> serviceIds) {

    public record StepInput(Integer delayMinutes, List<TargetInput> targets) {}

    public record TargetInput(String kind, Long id) {}
}
