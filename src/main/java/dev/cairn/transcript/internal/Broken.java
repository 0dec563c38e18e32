package dev.cairn.transcript.internal;

import dev.cairn.shared.InvalidInputException;

/** A broken file: the 400 names the file (inside a ZIP, its path there) and the line. */
final class Broken {

    private Broken() {}

    static InvalidInputException at(String file, long line, String reason) {
        return new InvalidInputException("file", file + (line > 0 ? " line " + line : "") + ": " + reason);
    }
}
