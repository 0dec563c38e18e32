package dev.cairn.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.IncidentFilter;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.support.TestDatabase;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code cairn.demo-data=true} on the embedded default (H2): the first start fills the empty
 * database, quickly, next to the first admin.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = {"cairn.demo-data=true", "cairn.demo-seed=7", "cairn.admin-password=h2-admin-password"})
class DemoDataOnH2Test {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        TestDatabase.h2("demo").forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    Incidents incidents;

    @Autowired
    Services services;

    @Autowired
    Users users;

    @Autowired
    DemoDataRunner runner;

    @Test
    void fillsTheEmptyDatabaseOnStart(CapturedOutput output) {
        assertThat(incidentCount()).isEqualTo(300);
        assertThat(services.all()).hasSizeGreaterThanOrEqualTo(15);
        // Demo people sign in with the documented password, without being asked to change it
        // (changing it is the one public check of a password outside a sign-in).
        UserView ariel = users.findByEmail("ariel.cohen@demo.cairn.local").orElseThrow();
        Actor asAriel = new Actor(ariel.id(), ariel.email(), ariel.name(), ariel.role(), null);
        assertThat(users.mustChangePassword(ariel.id())).isFalse();
        assertThatThrownBy(() -> users.changePassword(asAriel, "not-the-demo-password", "another-password-1"))
                .isInstanceOf(InvalidInputException.class);
        users.changePassword(asAriel, "demo-password-123", "another-password-1");
        assertThat(users.findByEmail("admin@demo.cairn.local").orElseThrow().role())
                .isEqualTo(Role.ADMIN);
        assertThat(users.findByEmail("admin@cairn.local")).isPresent();

        Matcher took = Pattern.compile("event=demo_data_created incidents=300 people=\\d+ .*took_ms=(\\d+)")
                .matcher(output.getAll());
        // How long it takes is measured in bench/ (startup), never asserted here on a shared machine.
        assertThat(took.find())
                .as("the demo_data_created log line, with its duration")
                .isTrue();
    }

    @Test
    void aRestartDoesNotAddTheDemoDataAgain(CapturedOutput output) throws Exception {
        runner.run(null);

        assertThat(output.getOut()).contains("event=demo_data_skipped reason=database_not_empty");
        assertThat(incidentCount()).isEqualTo(300);
    }

    private int incidentCount() {
        int count = 0;
        String cursor = null;
        do {
            CursorPage<?> page = incidents.list(IncidentFilter.none(), cursor, 200, Actor.SYSTEM);
            count += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        return count;
    }
}
