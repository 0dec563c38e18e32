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

    /** The content policy of Cairn's HTML pages. */
    public static final String PAGE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    private SecretUrlSecurity() {}

    public static SecurityFilterChain chain(HttpSecurity http, String... paths) throws Exception {
        return chain(http, "default-src 'none'; frame-ancestors 'none'", paths);
    }

    /**
     * The same door for HTML pages reached by a secret link (e.g. acknowledging a page from an
     * e-mail without signing in): Cairn's page content policy instead of none.
     */
    public static SecurityFilterChain pages(HttpSecurity http, String... paths) throws Exception {
        return chain(http, PAGE_CSP, paths);
    }

    private static SecurityFilterChain chain(HttpSecurity http, String csp, String... paths) throws Exception {
        http.securityMatcher(paths)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(csp)));
        return http.build();
    }
}
