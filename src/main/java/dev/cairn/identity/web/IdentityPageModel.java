package dev.cairn.identity.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the identity pages share: field errors (none yet) and time zones to suggest. */
@ControllerAdvice(basePackageClasses = IdentityPageModel.class)
class IdentityPageModel {

    /** Suggestions only: any zone Java knows is accepted. */
    static final List<String> COMMON_ZONES = List.of(
            "UTC",
            "Europe/London",
            "Europe/Dublin",
            "Europe/Lisbon",
            "Europe/Paris",
            "Europe/Berlin",
            "Europe/Amsterdam",
            "Europe/Madrid",
            "Europe/Rome",
            "Europe/Stockholm",
            "Europe/Warsaw",
            "Europe/Athens",
            "Europe/Kyiv",
            "Europe/Istanbul",
            "Africa/Lagos",
            "Africa/Johannesburg",
            "Asia/Dubai",
            "Asia/Kolkata",
            "Asia/Singapore",
            "Asia/Shanghai",
            "Asia/Tokyo",
            "Australia/Sydney",
            "Pacific/Auckland",
            "America/Sao_Paulo",
            "America/New_York",
            "America/Toronto",
            "America/Chicago",
            "America/Denver",
            "America/Los_Angeles");

    @ModelAttribute("errors")
    Map<String, String> errors() {
        return new LinkedHashMap<>();
    }

    @ModelAttribute("zones")
    List<String> zones() {
        return COMMON_ZONES;
    }
}
