package dev.cairn.identity;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The door for URLs whose secret token is the credential (alert hooks, calendar feeds): callers
 * such as monitoring systems and calendar apps cannot sign in, so these paths take no session,
 * cookie or CSRF token, and the module behind them checks the token.
 */
public final class SecretUrlSecurity {

    private SecretUrlSecurity() {}

    public static SecurityFilterChain chain(HttpSecurity http, String... paths) throws Exception {
        http.securityMatcher(paths)
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
