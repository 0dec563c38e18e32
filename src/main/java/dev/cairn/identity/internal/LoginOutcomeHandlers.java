package dev.cairn.identity.internal;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Users;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * After sign-in: someone with a one-time password goes to choose their own first. After a failed
 * sign-in: back to the form with a reason that does not reveal whether the account exists.
 */
@Component
class LoginOutcomeHandlers extends SavedRequestAwareAuthenticationSuccessHandler
        implements AuthenticationFailureHandler {

    static final String MUST_CHANGE_PASSWORD = "cairn.mustChangePassword";

    private final Users users;

    LoginOutcomeHandlers(Users users) {
        this.users = users;
        setDefaultTargetUrl("/incidents");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws ServletException, IOException {
        if (auth.getPrincipal() instanceof Actor actor && users.mustChangePassword(actor.userId())) {
            request.getSession().setAttribute(MUST_CHANGE_PASSWORD, Boolean.TRUE);
            response.sendRedirect("/account/password?first");
            return;
        }
        super.onAuthenticationSuccess(request, response, auth);
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String reason = exception instanceof LockedException
                ? "locked"
                : exception instanceof DisabledException ? "disabled" : "bad";
        response.sendRedirect("/login?error=" + reason);
    }
}
