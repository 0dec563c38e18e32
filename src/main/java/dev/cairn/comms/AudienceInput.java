package dev.cairn.comms;

import java.util.Map;

/** What an admin sends to create or change an audience; null fields stay as they are on a change. */
public record AudienceInput(
        String slug,
        String name,
        String description,
        String subjectTemplate,
        String template,
        Integer position,
        Map<String, Integer> cadence) {}
