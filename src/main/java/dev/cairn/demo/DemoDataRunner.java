package dev.cairn.demo;

import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.incident.IncidentFilter;
import dev.cairn.incident.Incidents;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code cairn.demo-data=true} (or the bare flag {@code --cairn.demo-data}), fills an empty
 * database on start, after the first admin exists. A database with any incident or service is left
 * alone, so a restart never duplicates.
 */
@Component
@Order(10)
class DemoDataRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

    private final DemoData demo;
    private final Incidents incidents;
    private final Services services;
    private final Clock clock;
    private final long seed;
    private final boolean enabled;

    DemoDataRunner(
            DemoData demo,
            Incidents incidents,
            Services services,
            Clock clock,
            @Value("${cairn.demo-seed:42}") long seed,
            @Value("${cairn.demo-data:false}") String enabled) {
        this.demo = demo;
        this.incidents = incidents;
        this.services = services;
        this.clock = clock;
        this.seed = seed;
        this.enabled = enabled(enabled);
    }

    /** A bare {@code --cairn.demo-data} arrives as an empty value and means yes. */
    static boolean enabled(String value) {
        String flag = value.strip();
        return flag.isEmpty() || Boolean.parseBoolean(flag);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        boolean empty = incidents
                        .list(IncidentFilter.none(), null, 1, Actor.SYSTEM)
                        .items()
                        .isEmpty()
                && services.page(null, 1, null, null).items().isEmpty();
        if (!empty) {
            log.info("event=demo_data_skipped reason=database_not_empty");
            return;
        }
        demo.generate(seed, clock.instant());
    }
}
