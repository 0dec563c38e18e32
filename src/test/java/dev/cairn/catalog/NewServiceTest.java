package dev.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewServiceTest {

    private static final ServiceLink RUNBOOK = new ServiceLink("Runbook", "https://wiki.example.com/rb");

    @Test
    void keepsAValidServiceTidy() {
        NewService service = new NewService(
                "  Checkout API ", null, 7L, 1, List.of(new ServiceLink(" Runbook ", " https://wiki.example.com/rb ")));

        assertThat(service.name()).isEqualTo("Checkout API");
        assertThat(service.description()).isEmpty();
        assertThat(service.links()).containsExactly(RUNBOOK);
        assertThat(new NewService("Batch", "", null, 4, null).links()).isEmpty();
    }

    @Test
    void nameMustBeOneTo200CharactersWithALetterOrDigit() {
        assertField(() -> new NewService(null, "", null, 3, List.of()), "name");
        assertField(() -> new NewService("   ", "", null, 3, List.of()), "name");
        assertField(() -> new NewService("x".repeat(201), "", null, 3, List.of()), "name");
        assertField(() -> new NewService("!!!", "", null, 3, List.of()), "name");
        assertThat(new NewService("x".repeat(200), "", null, 3, List.of()).name())
                .hasSize(200);
    }

    @Test
    void tierIsOneToFour() {
        assertField(() -> new NewService("Api", "", null, 0, List.of()), "tier");
        assertField(() -> new NewService("Api", "", null, 5, List.of()), "tier");
        for (int tier = 1; tier <= 4; tier++) {
            assertThat(new NewService("Api", "", null, tier, List.of()).tier()).isEqualTo(tier);
        }
    }

    @Test
    void descriptionIsAtMost4000Characters() {
        assertField(() -> new NewService("Api", "d".repeat(4001), null, 3, List.of()), "description");
        assertThat(new NewService("Api", "d".repeat(4000), null, 3, List.of()).description())
                .hasSize(4000);
    }

    @Test
    void linksAreLabelledWebUrls() {
        assertField(
                () -> new NewService("Api", "", null, 3, List.of(new ServiceLink("", "https://a.example"))),
                "links[0].label");
        assertField(
                () -> new NewService(
                        "Api", "", null, 3, List.of(new ServiceLink("l".repeat(201), "https://a.example"))),
                "links[0].label");
        for (String url : List.of(
                "javascript:alert(1)",
                "data:text/html,hi",
                "ftp://files.example.com",
                "wiki.example.com/rb",
                "https://",
                "https://a.example/" + "p".repeat(2000))) {
            assertField(
                    () -> new NewService("Api", "", null, 3, List.of(RUNBOOK, new ServiceLink("Bad", url))),
                    "links[1].url");
        }
        assertField(() -> new NewService("Api", "", null, 3, Collections.singletonList(null)), "links[0]");
        assertThat(new NewService(
                                "Api",
                                "",
                                null,
                                3,
                                List.of(new ServiceLink("Dash", "HTTP://grafana.example.com:3000/d?x=1")))
                        .links())
                .hasSize(1);
    }

    @Test
    void atMost20Links() {
        List<ServiceLink> links = new ArrayList<>(Collections.nCopies(20, RUNBOOK));
        assertThat(new NewService("Api", "", null, 3, links).links()).hasSize(20);
        links.add(RUNBOOK);
        assertField(() -> new NewService("Api", "", null, 3, links), "links");
    }

    @Test
    void problemsListsEveryFieldForForms() {
        assertThat(NewService.problems("", "d".repeat(4001), 9, List.of(new ServiceLink("", "nope"))))
                .containsOnlyKeys("name", "description", "tier", "links[0].label", "links[0].url");
    }

    @Test
    void updatesAreCheckedTheSameWay() {
        assertField(() -> new ServiceUpdate(null, null, null, false, 5, null), "tier");
        assertField(() -> new ServiceUpdate("", null, null, false, null, null), "name");
        assertField(() -> new ServiceUpdate(null, null, 3L, true, null, null), "ownerTeamId");
        assertField(
                () -> new ServiceUpdate(null, null, null, false, null, List.of(new ServiceLink("x", "mailto:a@b.c"))),
                "links[0].url");
        assertThat(new ServiceUpdate(null, null, null, false, null, null).links())
                .isNull();
    }

    private static void assertField(Runnable construction, String field) {
        assertThatThrownBy(construction::run)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
