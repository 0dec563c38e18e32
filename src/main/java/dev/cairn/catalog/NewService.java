package dev.cairn.catalog;

import dev.cairn.identity.Teams;
import dev.cairn.shared.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A service to create; checked on construction so an invalid one cannot exist. {@code
 * ownerTeamId} may be null (no owner yet); whether the team exists is checked by {@link Services}.
 */
public record NewService(String name, String description, Long ownerTeamId, int tier, List<ServiceLink> links) {

    public static final int MAX_LINKS = 20;

    public NewService {
        Map<String, String> problems = problems(name, description, tier, links);
        if (!problems.isEmpty()) {
            var first = problems.entrySet().iterator().next();
            throw new InvalidInputException(first.getKey(), first.getValue());
        }
        name = name.strip();
        description = description == null ? "" : description.strip();
        links = cleanLinks(links);
    }

    /**
     * Every problem with these values, by field ({@code name}, {@code tier}, {@code
     * links[2].url}...), in form order; empty when they make a valid service. Forms use this to
     * show all errors at once.
     */
    public static Map<String, String> problems(String name, String description, int tier, List<ServiceLink> links) {
        Map<String, String> problems = new LinkedHashMap<>();
        checkName(name, problems);
        checkDescription(description, problems);
        checkTier(tier, problems);
        checkLinks(links, problems);
        return problems;
    }

    static void checkName(String name, Map<String, String> problems) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            problems.put("name", "must be 1 to 200 characters");
        } else if (Teams.slug(name).isEmpty()) {
            problems.put("name", "must contain a letter or digit");
        }
    }

    static void checkDescription(String description, Map<String, String> problems) {
        if (description != null && description.strip().length() > 4000) {
            problems.put("description", "must be at most 4000 characters");
        }
    }

    static void checkTier(int tier, Map<String, String> problems) {
        if (tier < 1 || tier > 4) {
            problems.put("tier", "must be 1, 2, 3 or 4");
        }
    }

    static void checkLinks(List<ServiceLink> links, Map<String, String> problems) {
        if (links == null) {
            return;
        }
        if (links.size() > MAX_LINKS) {
            problems.put("links", "must be at most " + MAX_LINKS);
            return;
        }
        for (int i = 0; i < links.size(); i++) {
            ServiceLink link = links.get(i);
            String field = "links[" + i + "]";
            if (link == null) {
                problems.put(field, "must have a label and a URL");
                continue;
            }
            if (link.label() == null
                    || link.label().isBlank()
                    || link.label().strip().length() > 200) {
                problems.put(field + ".label", "must be 1 to 200 characters");
            }
            if (!isWebUrl(link.url())) {
                problems.put(field + ".url", "must be an http:// or https:// URL of at most 2000 characters");
            }
        }
    }

    /** Only http(s) links: anything else (javascript:, data:) must never become a clickable link. */
    static boolean isWebUrl(String url) {
        if (url == null || url.isBlank() || url.strip().length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static List<ServiceLink> cleanLinks(List<ServiceLink> links) {
        if (links == null) {
            return List.of();
        }
        List<ServiceLink> clean = new ArrayList<>();
        links.forEach(l -> clean.add(new ServiceLink(l.label().strip(), l.url().strip())));
        return List.copyOf(clean);
    }
}
