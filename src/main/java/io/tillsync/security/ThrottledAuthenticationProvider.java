package io.tillsync.security;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (the back-office form and HTTP Basic on the API) through the login throttles:
 * a blocked user-and-address pair, or an address held back by the counts over many addresses or
 * many usernames ({@link WideLoginThrottle}), is refused before the password is checked; a wrong
 * password counts against the pair, the user and the address; a right one clears the pair and
 * makes the address one of the user's.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final WideLoginThrottle wide;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle, WideLoginThrottle wide) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.wide = wide;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String user = LoginThrottle.key(request.getName());
        String source = LoginThrottle.source(source(request));
        var wait = quietly(() -> throttle.waitFor(user, source), Duration.ZERO);
        if (!wait.isZero()) {
            quietly(() -> throttle.refused(user, source));
            throw new SignInThrottled(wait);
        }
        var wideWait = quietly(() -> wide.waitFor(user, source), Duration.ZERO);
        if (!wideWait.isZero()) {
            quietly(() -> wide.refused(user, source));
            throw new SignInThrottled(wideWait);
        }
        Authentication result;
        try {
            result = passwords.authenticate(request);
        } catch (BadCredentialsException e) {
            quietly(() -> throttle.failed(user, source));
            quietly(() -> wide.failed(user, source));
            throw e;
        }
        quietly(() -> throttle.succeeded(user, source));
        quietly(() -> wide.succeeded(user, source));
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
