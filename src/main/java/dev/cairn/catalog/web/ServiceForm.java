package dev.cairn.catalog.web;

import dev.cairn.catalog.NewService;
import dev.cairn.catalog.ServiceLink;
import dev.cairn.catalog.ServiceView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the service form holds, exactly as typed, so a form with errors comes back as it was sent.
 * Rows with neither label nor URL are ignored; the rest are listed first, so error keys such as
 * {@code links[1].url} match the row they are shown next to.
 */
record ServiceForm(String name, String description, String ownerTeamId, String tier, List<LinkRow> rows) {

    static final int MIN_ROWS = 3;

    record LinkRow(String label, String url) {
        boolean blank() {
            return (label == null || label.isBlank()) && (url == null || url.isBlank());
        }
    }

    static ServiceForm of(
            String name, String description, String ownerTeamId, String tier, List<String> labels, List<String> urls) {
        List<LinkRow> rows = new ArrayList<>();
        int count = Math.max(size(labels), size(urls));
        for (int i = 0; i < count; i++) {
            LinkRow row = new LinkRow(at(labels, i), at(urls, i));
            if (!row.blank()) {
                rows.add(row);
            }
        }
        return new ServiceForm(text(name), text(description), text(ownerTeamId), text(tier), rows);
    }

    static ServiceForm empty() {
        return new ServiceForm("", "", "", "3", List.of());
    }

    static ServiceForm of(ServiceView service) {
        return new ServiceForm(
                service.name(),
                service.description(),
                service.ownerTeamId() == null ? "" : String.valueOf(service.ownerTeamId()),
                String.valueOf(service.tier()),
                service.links().stream()
                        .map(l -> new LinkRow(l.label(), l.url()))
                        .toList());
    }

    /** The filled rows, then blank ones: at least {@link #MIN_ROWS}, and always one spare. */
    public List<LinkRow> displayRows() {
        List<LinkRow> display = new ArrayList<>(rows);
        while (display.size() < Math.max(MIN_ROWS, rows.size() + 1)) {
            display.add(new LinkRow("", ""));
        }
        return display;
    }

    /** Every problem by field; empty when {@link #toNewService()} will succeed. */
    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        Integer tierNumber = parse(tier);
        NewService.problems(name, description, tierNumber == null ? 0 : tierNumber, links())
                .forEach(problems::put);
        if (!ownerTeamId.isBlank() && !ownerTeamId.strip().matches("\\d{1,18}")) {
            problems.put("ownerTeamId", "is not a team");
        }
        return problems;
    }

    NewService toNewService() {
        return new NewService(
                name,
                description,
                ownerTeamId.isBlank() ? null : Long.valueOf(ownerTeamId.strip()),
                parse(tier),
                links());
    }

    private List<ServiceLink> links() {
        return rows.stream().map(r -> new ServiceLink(r.label(), r.url())).toList();
    }

    private static Integer parse(String number) {
        try {
            return number == null ? null : Integer.valueOf(number.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static int size(List<String> values) {
        return values == null ? 0 : values.size();
    }

    private static String at(List<String> values, int i) {
        return values == null || i >= values.size() || values.get(i) == null ? "" : values.get(i);
    }
}
