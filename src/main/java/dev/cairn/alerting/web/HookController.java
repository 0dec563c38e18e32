package dev.cairn.alerting.web;

import dev.cairn.alerting.AlertIngest;
import dev.cairn.alerting.IntegrationKind;
import dev.cairn.alerting.PayloadException;
import dev.cairn.alerting.internal.IngestGate;
import dev.cairn.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /hooks/{kind}/{token}} for Alertmanager, Grafana and generic webhooks. */
@RestController
@Hidden
class HookController {

    private final AlertIngest ingest;
    private final IngestGate gate;

    HookController(AlertIngest ingest, IngestGate gate) {
        this.ingest = ingest;
        this.gate = gate;
    }

    @PostMapping("/hooks/{kind}/{token}")
    Map<String, Object> receive(
            @PathVariable String kind, @PathVariable String token, @RequestBody(required = false) byte[] body) {
        IntegrationKind parsed;
        try {
            parsed = IntegrationKind.parse(kind);
        } catch (InvalidInputException e) {
            throw new dev.cairn.shared.NotFoundException("Hook kind " + kind);
        }
        AlertIngest.Result result = ingest.hook(parsed, token, body == null ? new byte[0] : body);
        return Map.of("status", "accepted", "alerts", result.alerts(), "groups", result.groupIds());
    }

    @ExceptionHandler(PayloadException.class)
    ResponseEntity<ProblemDetail> invalid(PayloadException e) {
        return HookProblems.invalid(e.field(), e.getMessage());
    }

    @ExceptionHandler({IngestGate.Overloaded.class, DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> busy(Exception e) {
        return HookProblems.busy(gate, e);
    }
}
