package dev.cairn.shared;

/** A field of the request is wrong; answered as 400 with the field and the reason. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
