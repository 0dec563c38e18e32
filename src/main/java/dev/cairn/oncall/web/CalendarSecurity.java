package dev.cairn.oncall.web;

import dev.cairn.identity.SecretUrlSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The calendar door: calendar apps cannot sign in, so the secret token in the feed URL is the
 * credential. Its matcher is disjoint from the hook chain's, which shares the order.
 */
@Configuration(proxyBeanMethods = false)
class CalendarSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain calendarFeeds(HttpSecurity http) throws Exception {
        return SecretUrlSecurity.chain(http, "/calendar/**");
    }
}
