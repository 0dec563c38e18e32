package dev.cairn.review;

/** What a survey link is for, shown before answering: the incident and whether it was answered. */
public record SurveyInvite(long incidentId, String reference, String title, String name, boolean responded) {}
