package dev.cairn.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Someone signed in with a one-time password sees only the page to choose their own. */
@Configuration(proxyBeanMethods = false)
public class PasswordChangeGate implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                            throws Exception {
                        HttpSession session = request.getSession(false);
                        if (session != null
                                && session.getAttribute(LoginOutcomeHandlers.MUST_CHANGE_PASSWORD) != null) {
                            response.sendRedirect("/account/password?first");
                            return false;
                        }
                        return true;
                    }
                })
                .addPathPatterns("/**")
                .excludePathPatterns(
                        "/account/password",
                        "/logout",
                        "/login",
                        "/webjars/**",
                        "/css/**",
                        "/js/**",
                        "/img/**",
                        "/favicon.ico",
                        "/error",
                        "/api/**");
    }

    public static void passwordChosen(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(LoginOutcomeHandlers.MUST_CHANGE_PASSWORD);
        }
    }
}
