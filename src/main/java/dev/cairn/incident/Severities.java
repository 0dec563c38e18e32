package dev.cairn.incident;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.incident.internal.IncidentStore;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The severity levels: SEV1–SEV4 by default, their names and descriptions editable by admins. */
@Service
public class Severities {

    private final IncidentStore store;
    private final Audit audit;

    Severities(IncidentStore store, Audit audit) {
        this.store = store;
        this.audit = audit;
    }

    public List<Severity> all() {
        return store.severities();
    }

    /** Renames or re-describes a severity level (admins); the codes and their order stay. */
    @Transactional
    public Severity describe(String code, String name, String description, Actor actor) {
        Actors.requireAdmin(actor);
        Severity current = all().stream()
                .filter(s -> s.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Severity " + code));
        String newName = name == null ? current.name() : name.strip();
        String newDescription = description == null ? current.description() : description.strip();
        if (newName.isEmpty() || newName.length() > 100) {
            throw new InvalidInputException("name", "must be 1 to 100 characters");
        }
        if (newDescription.isEmpty() || newDescription.length() > 2000) {
            throw new InvalidInputException("description", "must be 1 to 2000 characters");
        }
        store.describeSeverity(code, newName, newDescription);
        audit.record(actor, "severity.updated", "severity", code, "name=" + newName);
        return new Severity(code, current.rank(), newName, newDescription);
    }

    /** Fails with a field error unless the code is a configured severity. */
    public void check(String severity) {
        if (all().stream().noneMatch(s -> s.code().equals(severity))) {
            throw new InvalidInputException(
                    "severity",
                    "must be one of " + all().stream().map(Severity::code).collect(Collectors.joining(", ")));
        }
    }
}
