package dev.cairn.review;

import java.time.Instant;

/** A volunteer reviewer: when they joined, their last assignment, open and total reviews. */
public record RotationVolunteer(
        long userId, String name, Instant joinedAt, Instant lastAssignedAt, int openReviews, int totalReviews) {}
