package dev.cairn.catalog;

import dev.cairn.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes to a service: a null field stays as it is. {@code links}, when given, replaces all
 * links. {@code removeOwner} leaves the service without an owner (a null {@code ownerTeamId} can
 * only mean "unchanged").
 */
public record ServiceUpdate(
        String name, String description, Long ownerTeamId, boolean removeOwner, Integer tier, List<ServiceLink> links) {

    public ServiceUpdate {
        Map<String, String> problems = new LinkedHashMap<>();
        if (name != null) {
            NewService.checkName(name, problems);
        }
        NewService.checkDescription(description, problems);
        if (removeOwner && ownerTeamId != null) {
            problems.put("ownerTeamId", "must be empty when the owner is removed");
        }
        if (tier != null) {
            NewService.checkTier(tier, problems);
        }
        NewService.checkLinks(links, problems);
        if (!problems.isEmpty()) {
            var first = problems.entrySet().iterator().next();
            throw new InvalidInputException(first.getKey(), first.getValue());
        }
        name = name == null ? null : name.strip();
        description = description == null ? null : description.strip();
        links = links == null ? null : NewService.cleanLinks(links);
    }

    /** Replaces every field with those of a complete form. */
    public static ServiceUpdate replacing(NewService service) {
        return new ServiceUpdate(
                service.name(),
                service.description(),
                service.ownerTeamId(),
                service.ownerTeamId() == null,
                service.tier(),
                service.links());
    }
}
