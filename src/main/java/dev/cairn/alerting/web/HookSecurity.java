package dev.cairn.alerting.web;

import dev.cairn.identity.SecretUrlSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The hook door: monitoring systems authenticate with the secret token in the URL (or the
 * PagerDuty routing key in the body).
 */
@Configuration(proxyBeanMethods = false)
class HookSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain hooks(HttpSecurity http) throws Exception {
        return SecretUrlSecurity.chain(http, "/hooks/**", "/v2/enqueue");
    }
}
