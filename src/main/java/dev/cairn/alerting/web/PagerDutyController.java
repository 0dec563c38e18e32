package dev.cairn.alerting.web;

import dev.cairn.alerting.AlertIngest;
import dev.cairn.alerting.PayloadException;
import dev.cairn.alerting.internal.IngestGate;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * PagerDuty Events API v2 compatible: any tool that can page PagerDuty pages Cairn by pointing at
 * {@code /v2/enqueue} with the integration's key as {@code routing_key}. Answers as PagerDuty does.
 */
@RestController
@Hidden
class PagerDutyController {

    private final AlertIngest ingest;
    private final IngestGate gate;

    PagerDutyController(AlertIngest ingest, IngestGate gate) {
        this.ingest = ingest;
        this.gate = gate;
    }

    @PostMapping("/v2/enqueue")
    ResponseEntity<Map<String, Object>> enqueue(@RequestBody(required = false) byte[] body) {
        AlertIngest.Result result = ingest.pagerDuty(body == null ? new byte[0] : body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "success");
        answer.put("message", "Event processed");
        answer.put("dedup_key", result.dedupKey());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    @ExceptionHandler(PayloadException.class)
    ResponseEntity<Map<String, Object>> invalid(PayloadException e) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "invalid event");
        answer.put("message", "Event object is invalid");
        answer.put("errors", List.of("'" + e.field() + "' " + e.getMessage()));
        answer.put("field", e.field());
        return ResponseEntity.badRequest().body(answer);
    }

    @ExceptionHandler({IngestGate.Overloaded.class, DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> busy(Exception e) {
        return HookProblems.busy(gate, e);
    }
}
