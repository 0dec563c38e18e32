package dev.cairn.alerting;

/** A payload Cairn cannot read: answered 400 with the field and the reason, and kept for review. */
public class PayloadException extends RuntimeException {

    private final String field;

    public PayloadException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
