package dev.cairn.notification.web;

import dev.cairn.identity.Actor;
import dev.cairn.shared.InvalidInputException;

/** The {userId} of a path: a user id, or "me" for the caller. */
final class UserRef {

    private UserRef() {}

    static long resolve(String userId, Actor actor) {
        if ("me".equals(userId)) {
            return actor.userId();
        }
        try {
            return Long.parseLong(userId);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("userId", "must be a user id or me");
        }
    }
}
