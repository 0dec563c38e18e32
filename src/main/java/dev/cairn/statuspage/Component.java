package dev.cairn.statuspage;

import java.util.List;

/** A part of the product the public sees on the status page, mapped to Cairn services. */
public record Component(
        long id, String name, String description, String group, int displayOrder, List<Long> serviceIds) {

    /** What an admin sends to create or replace a component. */
    public record Input(String name, String description, String group, Integer displayOrder, List<Long> serviceIds) {}
}
