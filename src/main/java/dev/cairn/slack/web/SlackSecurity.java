package dev.cairn.slack.web;

import dev.cairn.identity.SecretUrlSecurity;
import dev.cairn.slack.SlackSettings;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Slack's door: Slack cannot sign in, so {@code /slack/**} takes no session or CSRF token and every
 * request must carry Slack's signature instead, checked before anything reads the body.
 */
@Configuration(proxyBeanMethods = false)
class SlackSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain slackRequests(HttpSecurity http) throws Exception {
        return SecretUrlSecurity.chain(http, "/slack/**");
    }

    @Bean
    FilterRegistrationBean<SlackSignatureFilter> slackSignatureFilter(SlackSettings settings, Clock clock) {
        var registration = new FilterRegistrationBean<>(new SlackSignatureFilter(settings, clock));
        registration.addUrlPatterns("/slack/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
