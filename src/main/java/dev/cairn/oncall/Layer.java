package dev.cairn.oncall;

import dev.cairn.shared.InvalidInputException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * One rotation of a schedule. Participant 0 is on from {@code start} (the rotation epoch), then each
 * participant in turn. For daily and weekly rotations the next hand-offs happen at {@code handoff}
 * local time, every {@code rotation} counted in calendar days from the local date of {@code start}
 * (so the first shift may be a little shorter or longer than the others); {@code handoff} is not
 * used by hour rotations, whose hand-offs are exactly {@code start + k × hours}. With restrictions
 * the layer only covers times inside them; the rotation still advances outside them.
 */
public record Layer(
        String name,
        List<Long> participants,
        Instant start,
        LocalTime handoff,
        Rotation rotation,
        List<Restriction> restrictions) {

    public Layer {
        name = Checks.name(name, "layer.name");
        participants = Checks.list(participants, "layer.participants");
        if (participants.isEmpty()) {
            throw new InvalidInputException("layer.participants", "must name at least one person");
        }
        Checks.required(start, "layer.start");
        Checks.required(handoff, "layer.handoff");
        Checks.required(rotation, "layer.rotation");
        restrictions = Checks.list(restrictions, "layer.restrictions");
    }

    /** A layer that covers all the time from its start. */
    public Layer(String name, List<Long> participants, Instant start, LocalTime handoff, Rotation rotation) {
        this(name, participants, start, handoff, rotation, List.of());
    }
}
