package dev.cairn.incident;

import java.util.Optional;

/**
 * Another module's say on closing an incident (a review that must be published first). The
 * incident module asks every guard before an incident becomes closed, inside the closing
 * transaction; a reason refuses the close with a conflict naming it.
 */
public interface CloseGuard {

    /** Why {@code incident} cannot be closed yet, or empty when it may be. */
    Optional<String> refuseClose(Incident incident);
}
