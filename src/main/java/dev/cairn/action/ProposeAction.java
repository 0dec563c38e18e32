package dev.cairn.action;

/** A proposed action: a title and an optional Markdown description. */
public record ProposeAction(String title, String description) {}
