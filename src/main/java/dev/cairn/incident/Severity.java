package dev.cairn.incident;

/** A severity level; the set is configurable (SEV1–SEV4 by default), rank 1 is the worst. */
public record Severity(String code, int rank, String name, String description) {}
