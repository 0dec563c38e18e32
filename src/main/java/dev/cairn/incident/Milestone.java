package dev.cairn.incident;

/** The key timestamps kept for measurement (MTTx), each editable afterwards. */
public enum Milestone {
    IMPACT_STARTED("impact_started_at", "impactStartedAt", "Impact started"),
    DETECTED("detected_at", "detectedAt", "Detected"),
    DECLARED("declared_at", "declaredAt", "Declared"),
    ACKNOWLEDGED("acknowledged_at", "acknowledgedAt", "Acknowledged"),
    MITIGATED("mitigated_at", "mitigatedAt", "Mitigated"),
    RESOLVED("resolved_at", "resolvedAt", "Resolved");

    private final String column;
    private final String field;
    private final String label;

    Milestone(String column, String field, String label) {
        this.column = column;
        this.field = field;
        this.label = label;
    }

    public String column() {
        return column;
    }

    public String field() {
        return field;
    }

    public String label() {
        return label;
    }
}
