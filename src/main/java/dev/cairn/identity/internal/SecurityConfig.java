package dev.cairn.identity.internal;

import dev.cairn.identity.ApiTokens;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two doors: the API takes only bearer tokens and never a session cookie (so it needs no CSRF
 * token), the web pages take a signed-in session with CSRF protection on every form.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String CSP = dev.cairn.identity.SecretUrlSecurity.PAGE_CSP;

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> problem(
                                response, 401, "Unauthorized", "Send an API token as Authorization: Bearer <token>"))
                        .accessDeniedHandler((request, response, ex) ->
                                problem(response, 403, "Forbidden", "Your role or token scope does not allow this")))
                .authorizeHttpRequests(a -> a.requestMatchers("/api/docs", "/api/docs/**")
                        .permitAll()
                        .requestMatchers("/api/v1/audit/**")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .authenticated()
                        .requestMatchers(HttpMethod.HEAD, "/api/**")
                        .authenticated()
                        // Everyone, viewers included, keeps their own contact methods and rules: a viewer
                        // must be reachable too. The notification module checks whose they are and the
                        // token's scope.
                        .requestMatchers("/api/v1/users/*/contact-methods/**", "/api/v1/users/*/notification-rules/**")
                        .authenticated()
                        // Anyone may follow an incident or a service to receive its updates; the comms
                        // module checks who may see the incident and the token's scope.
                        .requestMatchers("/api/v1/incidents/*/follow", "/api/v1/services/*/follow")
                        .authenticated()
                        .anyRequest()
                        .hasAuthority(CairnAuthorities.WRITE))
                .headers(h ->
                        h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, LoginAuthenticationProvider login, LoginOutcomeHandlers outcomes)
            throws Exception {
        http.authenticationProvider(login)
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/login",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/favicon.ico",
                                "/error",
                                "/actuator/health/**",
                                "/actuator/prometheus",
                                "/actuator/info")
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .formLogin(f -> f.loginPage("/login")
                        .usernameParameter("email")
                        .successHandler(outcomes)
                        .failureHandler(outcomes)
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    static void problem(HttpServletResponse response, int status, String title, String detail)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
