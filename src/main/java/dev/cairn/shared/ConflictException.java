package dev.cairn.shared;

/** The request is valid but clashes with the current state (an illegal transition, a duplicate). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
