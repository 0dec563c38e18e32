package dev.cairn.oncall.web;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Actor;
import dev.cairn.identity.NewUser;
import dev.cairn.identity.Role;
import dev.cairn.identity.TokenScope;
import dev.cairn.support.Api;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the on-call page tests share: people with recognisable names, signing in, reading pages. */
abstract class OnCallPagesTest extends IntegrationTest {

    record Someone(long id, String name, String email, String password, Api api) {}

    /** A person with a recognisable name, so the page can be checked for it. */
    Someone named(String first, Role role) {
        String email = first.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "@cairn.test";
        String fullName = first + " " + UUID.randomUUID().toString().substring(0, 6);
        var user = users.create(
                        new NewUser(email, fullName, "Europe/Paris", role, "password-for-" + email), Actor.SYSTEM)
                .user();
        String token = tokens.create(new Actor(user.id(), email, fullName, role, null), "test", TokenScope.WRITE)
                .secret();
        return new Someone(user.id(), fullName, email, "password-for-" + email, api(token));
    }

    Browser signedIn(Someone person) {
        Browser browser = new Browser(port);
        assertThat(location(browser.signIn(person.email(), person.password()))).endsWith("/incidents");
        return browser;
    }

    static String onCallName(String page) {
        Matcher name = Pattern.compile("data-testid=\"on-call-name\">([^<]+)<").matcher(page);
        assertThat(name.find()).as("on-call name on the page").isTrue();
        return name.group(1);
    }

    static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
