package dev.cairn.catalog;

import java.time.Instant;
import java.util.List;

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
