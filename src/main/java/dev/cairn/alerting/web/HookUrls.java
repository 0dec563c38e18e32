package dev.cairn.alerting.web;

import dev.cairn.alerting.IntegrationKind;
import dev.cairn.alerting.IntegrationView;
import dev.cairn.alerting.Integrations;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where a sender points, built from the address the person used to reach Cairn. Shared by the API
 * and the pages so both hand out the same URL; only possible right after create or rotate, the one
 * moment the token is known.
 */
final class HookUrls {

    private HookUrls() {}

    /** The URL to paste, and for PagerDuty the routing key (the token) that goes in the body. */
    record HookUrl(String url, String routingKey) {}

    static HookUrl of(Integrations.Created created) {
        IntegrationView integration = created.integration();
        String base = base();
        boolean pagerDuty = integration.kind() == IntegrationKind.PAGERDUTY;
        String url = pagerDuty
                ? base + "/v2/enqueue"
                : base + "/hooks/" + integration.kind().json() + "/" + created.token();
        return new HookUrl(url, pagerDuty ? created.token() : null);
    }

    static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
