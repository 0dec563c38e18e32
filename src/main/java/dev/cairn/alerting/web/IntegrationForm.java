package dev.cairn.alerting.web;

import dev.cairn.alerting.GenericMapping;
import dev.cairn.alerting.IntegrationKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the "new integration" form sent, kept as typed so a refused form comes back as it was. The
 * four pointers and the resolved values only matter for the generic kind.
 */
record IntegrationForm(
        String name,
        String kind,
        String serviceId,
        String title,
        String dedupKey,
        String severity,
        String status,
        String resolvedValues) {

    static IntegrationForm empty() {
        return new IntegrationForm("", IntegrationKind.ALERTMANAGER.json(), "", "", "", "", "", "");
    }

    boolean generic() {
        return IntegrationKind.GENERIC.json().equals(kind);
    }

    /** The form's service, or null for none; a value that is not a number is put in {@code errors}. */
    Long service(Map<String, String> errors) {
        if (serviceId == null || serviceId.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(serviceId.strip());
        } catch (NumberFormatException e) {
            errors.put("serviceId", "is not a known service");
            return null;
        }
    }

    GenericMapping mapping() {
        return new GenericMapping(title, dedupKey, severity, status, resolved());
    }

    private List<String> resolved() {
        return resolvedValues == null
                ? List.of()
                : Arrays.stream(resolvedValues.split(","))
                        .map(String::strip)
                        .filter(v -> !v.isEmpty())
                        .toList();
    }
}
