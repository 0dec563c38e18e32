package dev.cairn.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ApiProblemsTest {

    @Test
    void aLostLockRaceIsABusyAnswerWithRetryAfterNotAnInternalError() {
        ResponseEntity<ProblemDetail> answer =
                new ApiProblems().busy(new CannotAcquireLockException("deadlock detected"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getBody().getDetail()).contains("nothing was saved").contains("Retry");
    }
}
