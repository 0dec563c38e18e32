package dev.cairn.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.identity.TokenScope;
import dev.cairn.support.Api;
import dev.cairn.support.Api.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Contact methods and rules through the API: who may do what, and errors that name the field. */
class NotificationSettingsApiTest extends NotificationTestSupport {

    private static final String METHODS = "/api/v1/users/me/contact-methods";
    private static final String RULES = "/api/v1/users/me/notification-rules";

    @Test
    void aPersonKeepsTheirOwnMethodsAndRulesAndEveryChangeIsAudited() {
        Person ada = person(Role.RESPONDER);
        String inbox = address("ada");
        Response mail =
                ada.api().post(METHODS, "{\"name\":\" Work \",\"channel\":\"email\",\"address\":\"" + inbox + "\"}");
        assertThat(mail.status()).as(mail.body()).isEqualTo(201);
        assertThat(mail.header("Location"))
                .isEqualTo("/api/v1/users/" + ada.id() + "/contact-methods/"
                        + mail.json().get("id").asLong());
        assertThat(mail.json().get("name").asString()).isEqualTo("Work");
        assertThat(mail.json().get("secret").isNull())
                .as("e-mail has no secret")
                .isTrue();
        long mailId = mail.json().get("id").asLong();

        Hook hook = webhook(ada, "Bridge", "https://hooks.example.com/cairn?key=abc");
        assertThat(hook.secret()).startsWith("whsec_").hasSizeGreaterThan(40);

        Response list = ada.api().get("/api/v1/users/" + ada.id() + "/contact-methods");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(2);
        assertThat(list.body()).as("the secret is never listed").doesNotContain(hook.secret(), "secret");
        assertThat(list.json().get(1).get("channel").asString()).isEqualTo("webhook");

        Response renamed = ada.api().patch(METHODS + "/" + mailId, "{\"name\":\"Personal\",\"enabled\":false}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Personal");
        assertThat(renamed.json().get("enabled").asBoolean()).isFalse();

        Response rule = ada.api().post(RULES, "{\"contactMethodId\":" + hook.id() + ",\"delayMinutes\":2}");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        Response duplicate = ada.api().post(RULES, "{\"contactMethodId\":" + hook.id() + ",\"delayMinutes\":2}");
        assertThat(duplicate.status()).isEqualTo(409);
        ada.api().post(RULES, "{\"contactMethodId\":" + mailId + ",\"delayMinutes\":0}");
        JsonNode rules = ada.api().get(RULES).json();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).get("delayMinutes").asInt()).isZero();
        assertThat(rules.get(1).get("contactMethodId").asLong()).isEqualTo(hook.id());

        assertThat(ada.api()
                        .delete(RULES + "/" + rules.get(0).get("id").asLong())
                        .status())
                .isEqualTo(204);
        assertThat(ada.api().delete(METHODS + "/" + hook.id()).status()).isEqualTo(204);
        assertThat(ada.api().get(RULES).json())
                .as("the webhook's rule went with it")
                .isEmpty();
        assertThat(ada.api().get(METHODS + "/" + hook.id()).status()).isEqualTo(404);

        JsonNode audit = admin().get("/api/v1/audit?action=notification.&actor=" + ada.email() + "&limit=50")
                .json()
                .get("items");
        List<String> actions = new ArrayList<>();
        audit.forEach(entry -> actions.add(entry.get("action").asString()));
        assertThat(actions)
                .contains(
                        "notification.contact_method_created",
                        "notification.contact_method_updated",
                        "notification.rule_created",
                        "notification.rule_deleted",
                        "notification.contact_method_deleted");
        assertThat(audit.toString()).doesNotContain(hook.secret(), "key=abc");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        Person ada = person(Role.RESPONDER);
        Api api = ada.api();
        assertField(api.post(METHODS, "{\"name\":\"x\",\"channel\":\"sms\",\"address\":\"a@b.c\"}"), "channel");
        assertField(api.post(METHODS, "{\"name\":\"x\",\"address\":\"a@b.c\"}"), "channel");
        assertField(api.post(METHODS, "{\"name\":\"\",\"channel\":\"email\",\"address\":\"a@b.c\"}"), "name");
        assertField(api.post(METHODS, "{\"name\":\"x\",\"channel\":\"email\",\"address\":\"not mail\"}"), "address");
        assertField(
                api.post(METHODS, "{\"name\":\"x\",\"channel\":\"webhook\",\"address\":\"ftp://files.example\"}"),
                "address");
        assertField(
                api.post(METHODS, "{\"name\":\"x\",\"channel\":\"webhook\",\"address\":\"https://u:p@h.example\"}"),
                "address");
        assertField(api.post(METHODS, "{\"name\":\"x\",\"channel\":\"email\",\"colour\":\"red\"}"), "colour");
        assertField(api.get("/api/v1/users/someone/contact-methods"), "userId");
        assertField(api.post(RULES, "{\"delayMinutes\":1}"), "contactMethodId");

        long mine = email(ada, "Work", address("ada"));
        assertField(api.post(RULES, "{\"contactMethodId\":" + mine + ",\"delayMinutes\":-1}"), "delayMinutes");
        assertField(api.post(RULES, "{\"contactMethodId\":" + mine + ",\"delayMinutes\":1441}"), "delayMinutes");
        assertField(api.post(RULES, "{\"contactMethodId\":" + mine + ",\"delayMinutes\":\"soon\"}"), "delayMinutes");
        assertField(api.patch(METHODS + "/" + mine, "{\"address\":\"nope\"}"), "address");

        Person other = person(Role.RESPONDER);
        long theirs = email(other, "Theirs", address("other"));
        assertField(api.post(RULES, "{\"contactMethodId\":" + theirs + ",\"delayMinutes\":0}"), "contactMethodId");
    }

    @Test
    void othersCannotSeeOrChangeMyMethodsButAdminsCan() {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        long adas = email(ada, "Work", address("ada"));
        String adaPath = "/api/v1/users/" + ada.id();

        assertThat(bob.api().get(adaPath + "/contact-methods").status()).isEqualTo(403);
        assertThat(bob.api().get(adaPath + "/notification-rules").status()).isEqualTo(403);
        assertThat(bob.api().get(adaPath + "/notifications").status()).isEqualTo(403);
        assertThat(bob.api()
                        .post(
                                adaPath + "/contact-methods",
                                "{\"name\":\"x\",\"channel\":\"email\",\"address\":\"b@b.b\"}")
                        .status())
                .isEqualTo(403);
        assertThat(bob.api()
                        .patch(adaPath + "/contact-methods/" + adas, "{\"enabled\":false}")
                        .status())
                .isEqualTo(403);
        assertThat(bob.api().delete(METHODS + "/" + adas).status())
                .as("not among bob's own")
                .isEqualTo(404);
        assertThat(bob.api().post(METHODS + "/" + adas + "/test", null).status())
                .isEqualTo(404);
        assertThat(ada.api().get(METHODS).json()).hasSize(1);

        assertThat(admin().get(adaPath + "/contact-methods").json()).hasSize(1);
        Response added = admin().post(
                        adaPath + "/contact-methods",
                        "{\"name\":\"Set by admin\",\"channel\":\"email\",\"address\":\"" + address("ada") + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(admin().patch(adaPath + "/contact-methods/" + adas, "{\"enabled\":false}")
                        .status())
                .isEqualTo(200);
        assertThat(admin().get("/api/v1/users/987654321/contact-methods").status())
                .isEqualTo(404);
    }

    @Test
    void viewersKeepTheirOwnMethodsButReadOnlyTokensChangeNothing() {
        Person vic = person(Role.VIEWER);
        Response mine = vic.api()
                .post(METHODS, "{\"name\":\"Work\",\"channel\":\"email\",\"address\":\"" + address("vic") + "\"}");
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        assertThat(vic.api()
                        .post(
                                RULES,
                                "{\"contactMethodId\":" + mine.json().get("id").asLong() + ",\"delayMinutes\":0}")
                        .status())
                .isEqualTo(201);
        assertThat(vic.api()
                        .post("/api/v1/incidents", "{\"title\":\"x\",\"severity\":\"SEV3\"}")
                        .status())
                .as("the exception is only for their own settings")
                .isEqualTo(403);

        Person reader = person(Role.RESPONDER, TokenScope.READ);
        assertThat(reader.api().get(METHODS).status()).isEqualTo(200);
        Response refused =
                reader.api().post(METHODS, "{\"name\":\"Work\",\"channel\":\"email\",\"address\":\"r@example.com\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).isEqualTo("This token may only read");
    }

    @Test
    void aTestGoesThroughTheOutboxAndItsResultCanBeRead() {
        Person ada = person(Role.RESPONDER);
        long work = email(ada, "Work", address("ada"));

        Response test = ada.api().post(METHODS + "/" + work + "/test", null);
        assertThat(test.status()).as(test.body()).isEqualTo(202);
        assertThat(test.json().get("topic").asString()).isEqualTo("test:" + work);
        assertThat(test.header("Location")).isEqualTo("/api/v1/notifications?topic=test:" + work);

        await().until(() -> ada.api()
                .get("/api/v1/notifications?topic=test:" + work)
                .json()
                .get(0)
                .get("status")
                .asString()
                .equals("sent"));
        JsonNode delivery =
                ada.api().get("/api/v1/notifications?topic=test:" + work).json().get(0);
        assertThat(delivery.get("attempts").get(0).get("outcome").asString()).isEqualTo("sent");
        assertThat(delivery.get("attempts").get(0).has("durationMillis")).isTrue();

        JsonNode recent =
                ada.api().get("/api/v1/users/me/notifications?limit=5").json();
        assertThat(recent.get("items").get(0).get("topic").asString()).isEqualTo("test:" + work);
    }

    @Test
    void aTopicsDeliveriesAreReadByTheirRecipientAndByRespondersOnly() {
        Person ada = person(Role.RESPONDER);
        Person vic = person(Role.VIEWER);
        Person other = person(Role.VIEWER);
        String topic = unique("page");
        notifications.notify(ada.id(), page(topic));
        notifications.notify(vic.id(), page(topic));

        assertThat(person(Role.RESPONDER)
                        .api()
                        .get("/api/v1/notifications?topic=" + topic)
                        .json())
                .hasSize(2);
        JsonNode own = vic.api().get("/api/v1/notifications?topic=" + topic).json();
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("userId").asLong()).isEqualTo(vic.id());
        assertThat(other.api().get("/api/v1/notifications?topic=" + topic).json())
                .isEmpty();
        assertField(ada.api().get("/api/v1/notifications"), "topic");
    }

    @Test
    void theOpenApiDocumentDescribesTheNotificationApi() {
        JsonNode paths = api(null).get("/api/docs").json().get("paths");
        assertThat(paths.has("/api/v1/users/{userId}/contact-methods")).isTrue();
        assertThat(paths.has("/api/v1/users/{userId}/contact-methods/{id}/test"))
                .isTrue();
        assertThat(paths.has("/api/v1/users/{userId}/contact-methods/{id}/rotate-secret"))
                .isTrue();
        assertThat(paths.has("/api/v1/users/{userId}/notification-rules")).isTrue();
        assertThat(paths.has("/api/v1/notifications")).isTrue();
    }

    private static void assertField(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).as(response.body()).isEqualTo(field);
    }
}
