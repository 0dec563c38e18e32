package dev.cairn.review.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.review.Rotation;
import dev.cairn.review.RotationAssignment;
import dev.cairn.review.RotationVolunteer;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reviews", description = "Reviewer rotation, interviews and surveys")
class RotationApi {

    private final Rotation rotation;

    RotationApi(Rotation rotation) {
        this.rotation = rotation;
    }

    /** The pool is a short configuration list (people who volunteered), so one list, not pages. */
    record Pool(List<RotationVolunteer> volunteers) {}

    record Reassign(Long reviewerId, String reason) {}

    @GetMapping("/review-rotation")
    @Operation(summary = "The volunteer reviewers with their last assignment and open reviews")
    Pool pool() {
        return new Pool(rotation.volunteers());
    }

    @PutMapping("/review-rotation/volunteers/{userId}")
    @Operation(summary = "Join the rotation (yourself; admins may add anyone)")
    Pool join(@PathVariable long userId) {
        rotation.volunteer(userId, actor());
        return pool();
    }

    @DeleteMapping("/review-rotation/volunteers/{userId}")
    @Operation(summary = "Step out of the rotation (yourself; admins may remove anyone)")
    ResponseEntity<Void> leave(@PathVariable long userId) {
        rotation.stepOut(userId, actor());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/incidents/{id}/review/rotation")
    @Operation(summary = "Who reviews the incident and why (404 until the rotation has assigned it)")
    RotationAssignment assignment(@PathVariable long id) {
        return rotation.assignment(id, actor())
                .orElseThrow(() -> new NotFoundException("No review assignment for INC-" + id + " yet"));
    }

    @PutMapping("/incidents/{id}/review/rotation")
    @Operation(summary = "Give the review to someone else, with a reason (admins and the commander)")
    RotationAssignment reassign(@PathVariable long id, @RequestBody Reassign body) {
        if (body == null || body.reviewerId() == null) {
            throw new InvalidInputException("reviewerId", "is required");
        }
        return rotation.reassign(id, body.reviewerId(), body.reason(), actor());
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
