package dev.cairn.alerting.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The hook door: monitoring systems authenticate with the secret token in the URL (or the
 * PagerDuty routing key in the body), so these paths take no session, no cookie and no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class HookSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain hooks(HttpSecurity http) throws Exception {
        http.securityMatcher("/hooks/**", "/v2/enqueue")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h ->
                        h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }
}
