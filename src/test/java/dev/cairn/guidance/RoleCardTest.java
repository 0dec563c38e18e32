package dev.cairn.guidance;

import static dev.cairn.guidance.ChecklistFlowTest.checklist;
import static dev.cairn.guidance.ChecklistFlowTest.declare;
import static dev.cairn.guidance.ChecklistFlowTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.identity.Role;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import dev.cairn.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Whoever is given a role sees what it means in the room and gets it once by e-mail. */
class RoleCardTest extends IntegrationTest {

    @Test
    void theCommanderSeesTheirRoleCardAndGetsItOnceByEmail() throws Exception {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        long id = declare(ada, "SEV2", "default");

        assertThat(admin().put("/api/v1/incidents/" + id + "/roles/commander", "{\"userId\":" + bob.id() + "}")
                        .status())
                .isEqualTo(200);

        Browser bobs = new Browser(port);
        bobs.signIn(bob.email(), bob.password());
        String card = bobs.get("/incidents/" + id + "/checklist").body();
        assertThat(card)
                .contains(
                        "You are the incident commander:",
                        "You coordinate; you do not have to fix it yourself.",
                        "Commander",
                        "Say out loud what you are doing and who owns what.");
        Browser adas = new Browser(port);
        adas.signIn(ada.email(), ada.password());
        assertThat(adas.get("/incidents/" + id + "/checklist").body())
                .as("others see the commander's checklist, not the card")
                .contains("Say out loud what you are doing and who owns what.")
                .doesNotContain("You are the incident commander:");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !TestMail.to(bob.email()).isEmpty());
        MimeMessage mail = TestMail.to(bob.email()).getFirst();
        assertThat(mail.getSubject()).isEqualTo("[Cairn] INC-" + id + ": You are the incident commander");
        String body = text(mail);
        assertThat(body)
                .contains("You coordinate; you do not have to fix it yourself.", "First steps:", "/incidents/" + id);

        admin().delete("/api/v1/incidents/" + id + "/roles/commander/" + bob.id());
        admin().put("/api/v1/incidents/" + id + "/roles/commander", "{\"userId\":" + bob.id() + "}");
        assertThat(admin().get("/api/v1/notifications?topic=incident:" + id + ":role:commander")
                        .json())
                .as("the card is sent once")
                .hasSize(1);
        assertThat(texts(checklist(ada, id).get("items")))
                .as("the role's items are added once")
                .filteredOn(t -> t.equals("Say out loud what you are doing and who owns what."))
                .hasSize(1);
    }

    private static String text(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        if (content instanceof String s) {
            return s;
        }
        var multipart = (jakarta.mail.Multipart) content;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
            Object part = multipart.getBodyPart(i).getContent();
            all.append(part instanceof String s ? s : text(multipart.getBodyPart(i)));
        }
        return all.toString();
    }

    private static String text(jakarta.mail.BodyPart part) throws Exception {
        Object content = part.getContent();
        if (content instanceof jakarta.mail.Multipart inner) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < inner.getCount(); i++) {
                all.append(text(inner.getBodyPart(i)));
            }
            return all.toString();
        }
        return String.valueOf(content);
    }
}
