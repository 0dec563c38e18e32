package dev.cairn.identity.web;

import dev.cairn.identity.Role;
import dev.cairn.identity.TokenScope;

/** The JSON bodies the identity API accepts; a field left out means "unchanged" on PATCH. */
final class ApiRequests {

    private ApiRequests() {}

    record MePatch(String name, String timeZone, String slackId) {}

    record UserCreate(String email, String name, String timeZone, Role role, String password) {}

    record UserPatch(String name, String timeZone, Role role, String slackId, Boolean active) {}

    record TeamWrite(String name, String description) {}

    record TokenCreate(String name, TokenScope scope) {}
}
