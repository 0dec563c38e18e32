package dev.cairn.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.TestMail;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reminders when an update is due (one per due moment, re-armed by sending, stopped by resolving),
 * and followers of a service or an incident — never of a private incident they cannot see.
 */
class CadenceAndFollowTest extends CommsTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    UpdateCadence cadence;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private static final String ALL_DEFAULTS =
            "{\"impact\":\"Checkout down\",\"updates\":[{\"audience\":\"executives\"},"
                    + "{\"audience\":\"customer_facing\"},{\"audience\":\"engineering\"},{\"audience\":\"public\"}]}";

    @Test
    void aDueUpdateRemindsTheCommsLeadOnceSendingReArmsAndResolvingStops() throws Exception {
        Person ic = person(Role.RESPONDER);
        Person lead = person(Role.RESPONDER);
        long incident = declare(ic.api(), "Checkout down", "SEV1", "default", null);
        role(ic.api(), incident, "commander", ic.id());
        role(ic.api(), incident, "communications_lead", lead.id());

        clock.advance(Duration.ofMinutes(29));
        jobs.runDue();
        assertThat(timeline(ic.api(), incident, "update_reminder")).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        jobs.runDue();
        await().until(() -> timeline(ic.api(), incident, "update_reminder").size() == 1);
        String text = timeline(ic.api(), incident, "update_reminder")
                .getFirst()
                .get("body")
                .asString();
        assertThat(text)
                .contains("Executives", "Customer-facing teams", "Reminded Test responder (communications lead)");
        await().until(() -> reminders(lead.email()).size() == 1);
        assertThat(reminders(lead.email()).getFirst().getSubject()).startsWith("Update due: INC-" + incident);
        assertThat(reminders(ic.email()))
                .as("the commander is not reminded when there is a lead")
                .isEmpty();
        assertThat(ic.api().get("/incidents/" + incident + "/updates/card").status())
                .isNotNull();

        clock.advance(Duration.ofMinutes(1));
        jobs.runDue();
        await().during(Duration.ofMillis(800))
                .until(() -> timeline(ic.api(), incident, "update_reminder").size() == 1);

        Response sent = send(lead.api(), incident, ALL_DEFAULTS);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(29));
        jobs.runDue();
        await().during(Duration.ofMillis(500))
                .until(() -> timeline(ic.api(), incident, "update_reminder").size() == 1);
        clock.advance(Duration.ofMinutes(2));
        jobs.runDue();
        await().until(() -> timeline(ic.api(), incident, "update_reminder").size() == 2);
        await().until(() -> reminders(lead.email()).size() == 2);

        assertThat(ic.api()
                        .patch("/api/v1/incidents/" + incident, "{\"status\":\"resolved\"}")
                        .status())
                .isEqualTo(200);
        clock.advance(Duration.ofHours(3));
        jobs.runDue();
        await().during(Duration.ofMillis(800))
                .until(() -> timeline(ic.api(), incident, "update_reminder").size() == 2);
        assertThat(reminders(lead.email())).hasSize(2);
    }

    @Test
    void twoExecutionsOfTheSameDueMomentRemindOnce() throws Exception {
        Person ic = person(Role.RESPONDER);
        long incident = declare(ic.api(), "Double reminder race", "SEV1", "default", null);
        long version = jdbc.sql("select version from update_reminders where incident_id = ?")
                .param(incident)
                .query(Long.class)
                .single();
        clock.advance(Duration.ofMinutes(31));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> cadence.fire(incident, version));
            var second = pool.submit(() -> cadence.fire(incident, version));
            first.get();
            second.get();
        } finally {
            pool.shutdownNow();
        }
        jobs.runDue();
        await().during(Duration.ofMillis(800))
                .until(() -> timeline(ic.api(), incident, "update_reminder").size() == 1);
    }

    @Test
    void withNobodyToRemindTheRoomSaysSo() {
        Person ic = person(Role.RESPONDER);
        long incident = declare(ic.api(), "Orders lost", "SEV1", "default", null);
        clock.advance(Duration.ofMinutes(31));
        jobs.runDue();
        await().until(() -> timeline(ic.api(), incident, "update_reminder").size() == 1);
        assertThat(timeline(ic.api(), incident, "update_reminder")
                        .getFirst()
                        .get("body")
                        .asString())
                .contains("nobody was reminded");
    }

    @Test
    void followingAServiceBringsTheNextUpdateOfItsIncidentsInTheChosenAudience() throws Exception {
        Person ada = person(Role.RESPONDER);
        Person vic = person(Role.VIEWER);
        long service = service(unique("Payments"));
        long engineering = slug("engineering");
        Response follow =
                vic.api().put("/api/v1/services/" + service + "/follow", "{\"audienceId\":" + engineering + "}");
        assertThat(follow.status()).as(follow.body()).isEqualTo(200);

        long incident = declare(ada.api(), "Refunds stuck", "SEV3", "default", service);
        assertThat(send(
                                ada.api(),
                                incident,
                                "{\"impact\":\"Refunds wait\",\"updates\":[{\"audience\":\"executives\"}]}")
                        .status())
                .isEqualTo(201);
        assertThat(send(
                                ada.api(),
                                incident,
                                "{\"impact\":\"Refunds wait\",\"updates\":[{\"audience\":\"engineering\"}]}")
                        .status())
                .isEqualTo(201);
        await().until(() -> TestMail.to(vic.email()).size() == 1);
        assertThat(TestMail.to(vic.email()).getFirst().getSubject()).contains("Refunds stuck");
        assertThat(TestMail.text(TestMail.to(vic.email()).getFirst())).contains("Refunds wait");

        assertThat(vic.api().delete("/api/v1/services/" + service + "/follow").status())
                .isEqualTo(204);
        send(ada.api(), incident, "{\"updates\":[{\"audience\":\"engineering\"}]}");
        await().during(Duration.ofMillis(800))
                .until(() -> TestMail.to(vic.email()).size() == 1);
    }

    @Test
    void aPrivateIncidentReachesNoFollowerWhoCannotSeeIt() {
        Person ada = person(Role.RESPONDER);
        Person outsider = person(Role.RESPONDER);
        Person vic = person(Role.VIEWER);
        long service = service(unique("Ledger"));
        long engineering = slug("engineering");
        vic.api().put("/api/v1/services/" + service + "/follow", "{\"audienceId\":" + engineering + "}");
        long incident = declare(ada.api(), "Insider access", "SEV2", "private", service);

        assertThat(outsider.api()
                        .post("/api/v1/incidents/" + incident + "/updates/drafts", "{}")
                        .status())
                .isEqualTo(404);
        assertThat(send(outsider.api(), incident, "{\"updates\":[{\"audience\":\"engineering\"}]}")
                        .status())
                .isEqualTo(404);
        assertThat(vic.api().get("/api/v1/incidents/" + incident + "/updates").status())
                .isEqualTo(404);
        assertThat(vic.api()
                        .put("/api/v1/incidents/" + incident + "/follow", "{\"audienceId\":" + engineering + "}")
                        .status())
                .isEqualTo(404);

        JsonNode sent = send(ada.api(), incident, "{\"updates\":[{\"audience\":\"engineering\"}]}")
                .json();
        assertThat(sent.get(0).get("recipients").asInt())
                .as("the viewer following the service is left out")
                .isZero();

        Person member = person(Role.VIEWER);
        role(ada.api(), incident, "subject_matter_expert", member.id());
        assertThat(member.api()
                        .put("/api/v1/incidents/" + incident + "/follow", "{\"audienceId\":" + engineering + "}")
                        .status())
                .isEqualTo(200);
        send(ada.api(), incident, "{\"updates\":[{\"audience\":\"engineering\"}]}");
        // The member also gets a role card for the role that let them in; count the updates only.
        await().until(() -> updates(member.email()).size() == 1);
        assertThat(TestMail.to(vic.email())).isEmpty();
    }

    private long slug(String slug) {
        for (JsonNode a : admin().get("/api/v1/audiences").json()) {
            if (a.get("slug").asString().equals(slug)) {
                return a.get("id").asLong();
            }
        }
        throw new AssertionError(slug);
    }

    /** The reminders among the e-mails to an address (role cards and other notices arrive there too). */
    private static java.util.List<jakarta.mail.internet.MimeMessage> reminders(String address) {
        return TestMail.to(address).stream()
                .filter(m -> {
                    try {
                        return m.getSubject().startsWith("Update due");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    private static java.util.List<jakarta.mail.internet.MimeMessage> updates(String address) {
        return TestMail.to(address).stream()
                .filter(m -> {
                    try {
                        return !m.getSubject().startsWith("[Cairn]");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }
}
