package dev.cairn.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A service as readers see it. {@code ownerTeamId} and {@code ownerTeamName} are null while the
 * service has no owner: a service may be catalogued before a team takes it, and deleting a team
 * leaves its services without one.
 */
public record ServiceView(
        long id,
        String name,
        String slug,
        String description,
        Long ownerTeamId,
        String ownerTeamName,
        int tier,
        List<ServiceLink> links,
        Instant createdAt,
        Instant updatedAt) {}
