package dev.cairn.catalog.web;

import java.util.List;

/** What each tier means, in the words the forms and pages show. */
record Tier(int number, String name, String meaning) {

    static final List<Tier> ALL = List.of(
            new Tier(1, "Critical", "Customers cannot work without it; an outage is an emergency at any hour."),
            new Tier(2, "High", "Customers notice when it degrades; fix it the same day."),
            new Tier(3, "Medium", "Internal or supporting; problems wait for working hours."),
            new Tier(4, "Low", "Experimental or nice to have; little impact when it fails."));

    static Tier of(int number) {
        return ALL.stream().filter(t -> t.number() == number).findFirst().orElse(ALL.get(2));
    }
}
