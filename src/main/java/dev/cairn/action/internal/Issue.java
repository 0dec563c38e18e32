package dev.cairn.action.internal;

/** An issue in a tracker: its key (owner/repo#12 or OPS-12), its page, and whether it is open. */
public record Issue(String key, String url, boolean open) {}
