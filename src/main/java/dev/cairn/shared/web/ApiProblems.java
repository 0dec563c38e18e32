package dev.cairn.shared.web;

import dev.cairn.shared.ConflictException;
import dev.cairn.shared.ForbiddenException;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;

/**
 * Every API error as an RFC 9457 problem detail that names the field and the reason. Nothing a
 * client sends can produce a 500: unreadable bodies, unknown fields and unknown enum values are
 * 400s. Ordered first: Boot's own problem-details advice (order 0) would otherwise answer unreadable
 * bodies and type mismatches without naming the field.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return invalidField(e.field(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "reason", String.valueOf(f.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                errors.stream()
                        .map(m -> m.get("field") + " " + m.get("reason"))
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("invalid"));
        if (!errors.isEmpty()) {
            problem.setProperty("field", errors.getFirst().get("field"));
        }
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("body");
            InvalidInputException rule = ruleBroken(databind);
            if (rule != null) {
                // A value the JSON could carry but a domain record refused: say which rule.
                String part = rule.field().substring(rule.field().lastIndexOf('.') + 1);
                return invalidField(field.endsWith(part) ? field : field + "." + part, rule.getMessage());
            }
            return invalidField(field, reasonOf(databind));
        }
        return problem(HttpStatus.BAD_REQUEST, "Unreadable body", "The body is not valid JSON for this request");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return invalidField(e.getName(), "has a value that is not allowed: " + e.getValue());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return invalidField(e.getParameterName(), "is required");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "Send application/json");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noResource(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "No such endpoint");
    }

    /**
     * Two transactions that waited on each other (PostgreSQL chose this one to abort) or a lock
     * that could not be taken in time: nothing was written, and the same request will very likely
     * work a moment later, so say so with a 503 and Retry-After rather than a bare 500.
     */
    @ExceptionHandler(org.springframework.dao.PessimisticLockingFailureException.class)
    org.springframework.http.ResponseEntity<ProblemDetail> busy(
            org.springframework.dao.PessimisticLockingFailureException e) {
        log.warn(
                "event=api_lock_conflict type={} reason={}",
                e.getClass().getSimpleName(),
                e.getMostSpecificCause().getMessage());
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Busy",
                "Another change to the same data was in progress; nothing was saved. Retry the request.");
        return org.springframework.http.ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(org.springframework.http.HttpHeaders.RETRY_AFTER, "1")
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (e instanceof ErrorResponse known) {
            // Spring MVC's own client errors (406, 413...) keep their status and detail.
            return known.getBody();
        }
        log.error("event=api_error type={}", e.getClass().getSimpleName(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "Something went wrong on our side");
    }

    private static InvalidInputException ruleBroken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static String reasonOf(DatabindException e) {
        String simple = e.getClass().getSimpleName();
        return switch (simple) {
            case "UnrecognizedPropertyException", "IgnoredPropertyException" -> "is not a known field";
            case "InvalidFormatException", "ValueInstantiationException" -> "has a value that is not allowed";
            default -> "has the wrong type or format";
        };
    }

    static ProblemDetail invalidField(String field, String reason) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", field + " " + reason);
        problem.setProperty("field", field);
        problem.setProperty("errors", List.of(Map.of("field", field, "reason", reason)));
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
