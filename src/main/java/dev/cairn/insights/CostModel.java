package dev.cairn.insights;

import dev.cairn.shared.InvalidInputException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The documented cost model. Per incident, in weighted person-hours, then times the hourly rate:
 *
 * <pre>
 * response    = sum over people of weight(role) x hours in the incident
 * night extra = sum over people of weight(role) x sleepExtra x hours in their own sleep hours
 * interrupted = refocusHours x number of weighted people whose incident time touched their working hours
 * review      = reviewHours(severity)
 * cost        = hourlyRate x (response + night extra + interrupted + review)
 * </pre>
 */
public record CostModel(
        String currency,
        BigDecimal hourlyRate,
        BigDecimal weightCommander,
        BigDecimal weightComms,
        BigDecimal weightParticipant,
        BigDecimal weightObserver,
        BigDecimal sleepExtra,
        BigDecimal refocusHours,
        Map<String, BigDecimal> reviewHours) {

    public static final String FORMULA = "cost = hourly rate × (Σ weight(role) × hours"
            + " + Σ weight(role) × sleep extra × sleep-hours"
            + " + refocus hours × people interrupted in working hours"
            + " + review hours(severity))";

    public static final CostModel DEFAULT = new CostModel(
            "USD",
            new BigDecimal("100"),
            new BigDecimal("1.0"),
            new BigDecimal("0.75"),
            new BigDecimal("0.5"),
            BigDecimal.ZERO,
            new BigDecimal("0.5"),
            new BigDecimal("0.5"),
            new LinkedHashMap<>(Map.of(
                    "SEV1", new BigDecimal("8"),
                    "SEV2", new BigDecimal("4"),
                    "SEV3", new BigDecimal("1"),
                    "SEV4", BigDecimal.ZERO)));

    public CostModel {
        if (currency == null || !currency.strip().matches("[A-Za-z]{3}")) {
            throw new InvalidInputException("currency", "must be a three-letter code such as USD or EUR");
        }
        currency = currency.strip().toUpperCase(Locale.ROOT);
        hourlyRate = check(hourlyRate, "hourlyRate", new BigDecimal("100000"));
        weightCommander = check(weightCommander, "weightCommander", BigDecimal.TEN);
        weightComms = check(weightComms, "weightComms", BigDecimal.TEN);
        weightParticipant = check(weightParticipant, "weightParticipant", BigDecimal.TEN);
        weightObserver = check(weightObserver, "weightObserver", BigDecimal.TEN);
        sleepExtra = check(sleepExtra, "sleepExtra", BigDecimal.TEN);
        refocusHours = check(refocusHours, "refocusHours", new BigDecimal("100"));
        Map<String, BigDecimal> review = new LinkedHashMap<>();
        (reviewHours == null ? Map.<String, BigDecimal>of() : reviewHours)
                .forEach((k, v) -> review.put(
                        k.strip().toUpperCase(Locale.ROOT), check(v, "reviewHours." + k, new BigDecimal("1000"))));
        reviewHours = Map.copyOf(review);
    }

    private static BigDecimal check(BigDecimal value, String field, BigDecimal max) {
        if (value == null || value.signum() < 0 || value.compareTo(max) > 0) {
            throw new InvalidInputException(field, "must be a number from 0 to " + max.toPlainString());
        }
        return value;
    }

    /** The weight of a role as recorded in the facts (commander, communications_lead, scribe, …). */
    public double weight(String role) {
        return switch (role) {
            case "commander" -> weightCommander.doubleValue();
            case "communications_lead", "scribe" -> weightComms.doubleValue();
            case "observer" -> weightObserver.doubleValue();
            default -> weightParticipant.doubleValue();
        };
    }

    public double review(String severity) {
        BigDecimal hours = reviewHours.get(severity);
        return hours == null ? 0 : hours.doubleValue();
    }

    /** One person's part as the model needs it. */
    public record Part(String role, long minutes, long sleepMinutes, long workMinutes) {}

    /** The cost of one incident, by term, in hours and money. */
    public record Breakdown(
            double responseHours, double nightHours, double interruptedHours, double reviewHours, double cost) {

        public double totalHours() {
            return responseHours + nightHours + interruptedHours + reviewHours;
        }
    }

    public Breakdown cost(String severity, Iterable<Part> parts) {
        double weightedMinutes = 0;
        double weightedSleepMinutes = 0;
        long interrupted = 0;
        for (Part part : parts) {
            double w = weight(part.role());
            weightedMinutes += w * part.minutes();
            weightedSleepMinutes += w * part.sleepMinutes();
            if (w > 0 && part.workMinutes() > 0) {
                interrupted++;
            }
        }
        return cost(severity, weightedMinutes, weightedSleepMinutes, interrupted);
    }

    /** The same formula from sums already weighted by role (as the database computes them). */
    public Breakdown cost(String severity, double weightedMinutes, double weightedSleepMinutes, long interrupted) {
        double response = weightedMinutes / 60.0;
        double night = sleepExtra.doubleValue() * weightedSleepMinutes / 60.0;
        double refocus = refocusHours.doubleValue() * interrupted;
        double review = review(severity);
        return new Breakdown(
                response, night, refocus, review, hourlyRate.doubleValue() * (response + night + refocus + review));
    }

    /** "SEV1:8, SEV2:4" for forms and CSV. */
    public String reviewHoursText() {
        return reviewHours.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue().stripTrailingZeros().toPlainString())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public static Map<String, BigDecimal> parseReviewHours(String text) {
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return result;
        }
        for (String pair : text.split(",")) {
            String[] kv = pair.split(":");
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new InvalidInputException("reviewHours", "must look like SEV1:8, SEV2:4");
            }
            try {
                result.put(kv[0].strip().toUpperCase(Locale.ROOT), new BigDecimal(kv[1].strip()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("reviewHours", "must look like SEV1:8, SEV2:4");
            }
        }
        return result;
    }
}
