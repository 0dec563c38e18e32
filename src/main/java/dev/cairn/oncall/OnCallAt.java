package dev.cairn.oncall;

/** Who is on call at an instant and why: the deciding layer's name, or {@link Shift#OVERRIDE}. */
public record OnCallAt(long userId, String source) {

    public OnCallAt {
        Checks.required(source, "source");
    }
}
