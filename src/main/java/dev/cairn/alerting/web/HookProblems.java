package dev.cairn.alerting.web;

import dev.cairn.alerting.internal.IngestGate;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Answers for senders: 400 names the field, 503 always carries Retry-After (never 429). */
final class HookProblems {

    private static final Logger log = LoggerFactory.getLogger(HookProblems.class);

    private HookProblems() {}

    static ResponseEntity<ProblemDetail> invalid(String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + reason);
        problem.setTitle("Invalid alert payload");
        // The request path holds the secret token: never echo it.
        problem.setInstance(URI.create("/hooks"));
        problem.setProperty("field", field);
        problem.setProperty("errors", List.of(Map.of("field", field, "reason", reason)));
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static ResponseEntity<ProblemDetail> busy(IngestGate gate, Exception cause) {
        if (!(cause instanceof IngestGate.Overloaded)) {
            log.warn(
                    "event=alert_ingest_unavailable reason={}", cause.getClass().getSimpleName(), cause);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "Cairn cannot store alerts right now; nothing was accepted, retry");
        problem.setTitle("Service unavailable");
        problem.setType(URI.create("about:blank"));
        problem.setInstance(URI.create("/hooks"));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", String.valueOf(gate.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
