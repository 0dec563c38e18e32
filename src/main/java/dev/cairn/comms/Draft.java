package dev.cairn.comms;

/** An update for one audience, built from its template, to edit and send. */
public record Draft(
        long audienceId, String audience, String audienceName, String subject, String body, int recipients) {}
