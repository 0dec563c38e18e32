package dev.cairn.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.random.RandomGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * What goes wrong, in the words responders use. Placeholders: {svc} the affected service, {since}
 * the local time impact started, {sha} a deploy, {n} a number, {pct} a percentage.
 */
final class Scenarios {

    /**
     * One kind of incident: {@code services} it fits (empty: any), then lines for each phase of
     * the response. {@code cause} and {@code fix} are the key moments that get starred.
     */
    record Scenario(
            List<String> services,
            String title,
            String summary,
            List<String> symptoms,
            List<String> investigation,
            String cause,
            String fix,
            List<String> recovery) {}

    /** The lines demo incidents are written from; edit {@code demo/scenarios.json} to add more. */
    record Catalogue(
            List<Scenario> real,
            List<Scenario> drills,
            @JsonProperty("private") List<Scenario> privateOnes,
            List<String> chatter,
            List<String> fixing,
            List<String> watching,
            List<String> updates) {}

    private static final Catalogue CATALOGUE = load();

    static final List<Scenario> REAL = CATALOGUE.real();
    static final List<Scenario> DRILLS = CATALOGUE.drills();
    static final List<Scenario> PRIVATE = CATALOGUE.privateOnes();
    /** Talk while people investigate. */
    static final List<String> CHATTER = CATALOGUE.chatter();
    /** While the fix goes out. */
    static final List<String> FIXING = CATALOGUE.fixing();
    /** After the fix, while people watch it hold. */
    static final List<String> WATCHING = CATALOGUE.watching();
    /** Stakeholder updates. */
    static final List<String> UPDATES = CATALOGUE.updates();

    private static Catalogue load() {
        try (InputStream in = Scenarios.class.getResourceAsStream("/demo/scenarios.json")) {
            if (in == null) {
                throw new IllegalStateException("demo/scenarios.json is missing from the classpath");
            }
            return JsonMapper.builder().build().readValue(in, Catalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values one incident's lines share, so its cause and its rollback name the same deploy. */
    record Vars(String service, String since, String sha) {

        static Vars of(String service, String since, RandomGenerator random) {
            return new Vars(service, since, String.format("%06x", random.nextInt(1 << 24)));
        }
    }

    static String fill(String text, Vars vars, RandomGenerator random) {
        return text.replace("{svc}", vars.service())
                .replace("{since}", vars.since())
                .replace("{sha}", vars.sha())
                .replace("{n}", String.valueOf(2 + random.nextInt(48)))
                .replace("{pct}", String.valueOf(5 + random.nextInt(60)));
    }

    private Scenarios() {}
}
