package dev.cairn.catalog;

/** A runbook or dashboard link of a service; checked by {@link NewService} and {@link ServiceUpdate}. */
public record ServiceLink(String label, String url) {}
