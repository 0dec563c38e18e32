package dev.cairn.shared;

/** The caller is known but their role or token scope does not allow this. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
