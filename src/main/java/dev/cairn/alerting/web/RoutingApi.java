package dev.cairn.alerting.web;

import dev.cairn.alerting.Routing;
import dev.cairn.alerting.RoutingRule;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/routing-rules")
@Tag(name = "Alerts")
class RoutingApi {

    private final Routing routing;

    RoutingApi(Routing routing) {
        this.routing = routing;
    }

    record CreateRequest(
            String name,
            Integer position,
            List<RoutingRule.Matcher> matchers,
            Long serviceId,
            RoutingRule.Action action,
            String severity,
            Long policyId) {}

    record PatchRequest(Integer position, Boolean active) {}

    @GetMapping
    @Operation(summary = "Routing rules in the order they are evaluated")
    List<RoutingRule> list() {
        return routing.rules();
    }

    @PostMapping
    @Operation(summary = "Add a rule: matchers on alert fields, a service, and none / declare / attach")
    ResponseEntity<RoutingRule> create(@RequestBody CreateRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        RoutingRule rule = routing.create(
                request.name(),
                request.position(),
                request.matchers(),
                request.serviceId(),
                request.action(),
                request.severity(),
                request.policyId(),
                actor());
        return ResponseEntity.created(URI.create("/api/v1/routing-rules/" + rule.id()))
                .body(rule);
    }

    @GetMapping("/{id}")
    RoutingRule get(@PathVariable long id) {
        return routing.get(id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Move a rule or switch it off")
    RoutingRule patch(@PathVariable long id, @RequestBody PatchRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        return routing.update(id, request.position(), request.active(), actor());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        routing.delete(id, actor());
        return ResponseEntity.noContent().build();
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
