package dev.cairn.guidance;

import dev.cairn.incident.IncidentRole;
import java.util.List;

/** What a role means and its first steps, for the person who was just given it. */
public record RoleCard(IncidentRole role, String title, String meaning, List<String> firstSteps) {}
