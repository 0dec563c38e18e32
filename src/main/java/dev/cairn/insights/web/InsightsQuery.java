package dev.cairn.insights.web;

import org.springframework.web.util.UriComponentsBuilder;

/** An insights page's filter as the request gave it, echoed into forms and links. */
record InsightsQuery(String from, String to, String team, String service, String severity, String drills) {

    String string() {
        return UriComponentsBuilder.newInstance()
                .queryParamIfPresent("from", opt(from))
                .queryParamIfPresent("to", opt(to))
                .queryParamIfPresent("team", opt(team))
                .queryParamIfPresent("service", opt(service))
                .queryParamIfPresent("severity", opt(severity))
                .queryParamIfPresent("drills", opt(drills))
                .build()
                .encode()
                .getQuery();
    }

    private static java.util.Optional<String> opt(String value) {
        return Params.blank(value) ? java.util.Optional.empty() : java.util.Optional.of(value.strip());
    }
}
