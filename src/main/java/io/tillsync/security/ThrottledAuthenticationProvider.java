package io.tillsync.security;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (the back-office form and HTTP Basic on the API) through the login throttle:
 * a blocked user-and-address pair is refused before the password is checked, a wrong password
 * counts against that pair and that address, a right one clears the pair.
 */
record ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) implements AuthenticationProvider {

    @Override
    public Authentication authenticate(Authentication request) {
        String user = request.getName();
        String source = source(request);
        var wait = quietly(() -> throttle.waitFor(user, source), Duration.ZERO);
        if (!wait.isZero()) {
            quietly(() -> throttle.refused(user, source));
            throw new SignInThrottled(wait);
        }
        Authentication result;
        try {
            result = passwords.authenticate(request);
        } catch (BadCredentialsException e) {
            quietly(() -> throttle.failed(user, source));
            throw e;
        }
        quietly(() -> throttle.succeeded(user, source));
        return result;
    }

    // With the database away (failing over) the password cannot be checked either: the sign-in fails
    // as it did without the throttle, instead of a bare database error escaping the filter chain.
    private static <T> T quietly(Supplier<T> call, T otherwise) {
        try {
            return call.get();
        } catch (DataAccessException e) {
            return otherwise;
        }
    }

    private static void quietly(Runnable call) {
        quietly(() -> {
            call.run();
            return null;
        }, null);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    static String source(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
