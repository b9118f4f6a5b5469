package io.tillsync.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (the back-office form and HTTP Basic on the API) through the login throttle:
 * a blocked user-and-address pair is refused before the password is checked, a wrong password
 * counts against that pair and that address, a right one clears the pair.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String user = request.getName();
        String source = source(request);
        var wait = throttle.waitFor(user, source);
        if (!wait.isZero()) {
            throttle.refused(user, source);
            throw new SignInThrottled(wait);
        }
        Authentication result;
        try {
            result = passwords.authenticate(request);
        } catch (BadCredentialsException e) {
            throttle.failed(user, source);
            throw e;
        }
        throttle.succeeded(user, source);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    static String source(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
