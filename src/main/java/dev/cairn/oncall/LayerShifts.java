package dev.cairn.oncall;

import java.util.List;

/** The shifts of one layer on its own, before higher layers and overrides: one row of the schedule page. */
public record LayerShifts(String layer, List<Shift> shifts) {

    public LayerShifts {
        Checks.required(layer, "layer");
        shifts = Checks.list(shifts, "shifts");
    }
}
