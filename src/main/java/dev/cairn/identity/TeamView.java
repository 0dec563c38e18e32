package dev.cairn.identity;

import java.util.List;

/** A team and its members. */
public record TeamView(long id, String name, String slug, String description, List<UserView> members) {}
