package dev.cairn.escalation.web;

import dev.cairn.escalation.EscalationPolicies;
import dev.cairn.escalation.EscalationPolicy;
import dev.cairn.escalation.PolicyInput;
import dev.cairn.identity.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/escalation-policies")
@Tag(name = "Escalation", description = "Escalation policies and pages")
class EscalationPoliciesApi {

    private final EscalationPolicies policies;

    EscalationPoliciesApi(EscalationPolicies policies) {
        this.policies = policies;
    }

    @GetMapping
    @Operation(summary = "Every escalation policy with its steps, targets and services")
    List<EscalationPolicy> list() {
        return policies.all();
    }

    @PostMapping
    @Operation(
            summary = "Create a policy",
            description = "steps: [{delayMinutes, targets: [{kind: user|schedule|team, id}]}], repeat: 0-9 more"
                    + " rounds, serviceIds: services whose alerts page through it")
    ResponseEntity<EscalationPolicy> create(@RequestBody PolicyInput input) {
        EscalationPolicy created = policies.create(input, Actors.current().orElseThrow());
        return ResponseEntity.created(URI.create("/api/v1/escalation-policies/" + created.id()))
                .body(created);
    }

    @GetMapping("/{id}")
    EscalationPolicy get(@PathVariable long id) {
        return policies.get(id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a policy (its steps and services too); open pages use the new steps")
    EscalationPolicy update(@PathVariable long id, @RequestBody PolicyInput input) {
        return policies.update(id, input, Actors.current().orElseThrow());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        policies.delete(id, Actors.current().orElseThrow());
        return ResponseEntity.noContent().build();
    }
}
