package io.tillsync.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.tillsync.base.ApiEnvelope;
import io.tillsync.backoffice.LoginView;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Three doors. The device and admin API ({@code /api/**}) is stateless: bearer device tokens,
 * HTTP Basic for back-office users, JSON 401/403 of its own and no session. Health probes and
 * the published API description are open. Everything else is the Vaadin back-office with its
 * session, login view and CSRF protection.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfig {

    /**
     * Scripts only from Tillsync itself: no page can load a script from elsewhere. Vaadin's client
     * needs the inline bootstrap of each page and runs the small scripts the server sends it
     * ({@code executeJs}, property bindings) as functions, hence 'unsafe-inline' and 'unsafe-eval';
     * what stops injected markup from running is that every text is escaped. Forms post only here.
     */
    static final String BACK_OFFICE_CSP = "script-src 'self' 'unsafe-inline' 'unsafe-eval'; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'self'; form-action 'self'";
    /** The back-office uses none of these; a page of it that tried would be refused by the browser. */
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
            + "bluetooth=(), hid=(), midi=(), display-capture=(), interest-cohort=()";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    /** Passwords are checked through the login throttle, for the back-office form and HTTP Basic alike. */
    @Bean
    AuthenticationProvider authenticationProvider(AppUserDetailsService users, PasswordEncoder passwordEncoder, LoginThrottle throttle,
                                                  WideLoginThrottle wide) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledAuthenticationProvider(passwords, throttle, wide);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, DeviceAuthenticator devices, DeviceRateLimiter limiter) throws Exception {
        // by the raw URI: a path pattern does not match every decodable path (e.g. one with an
        // encoded line break), and such a request must not fall through to the back-office chain
        return http.securityMatcher(request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) ->
                        refuse(res, e, "Send a device token (Authorization: Bearer) or an admin's credentials")))
                .addFilterBefore(new DeviceTokenFilter(devices, limiter), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        // a till being paired has no token yet: the pairing code is its credential
                        .requestMatchers("/api/v1/pos/pair").permitAll()
                        .requestMatchers("/api/v1/pos/offline/conflicts/*/resolve").hasAnyRole("DEVICE", "ADMIN", "MANAGER")
                        .requestMatchers("/api/v1/pos/**").hasRole("DEVICE")
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) ->
                                writeError(res, 401, "unauthorized", "Send a device token (Authorization: Bearer) or an admin's credentials"))
                        .accessDeniedHandler((req, res, ex) -> writeError(res, 403, "forbidden", "This credential may not use this endpoint")))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain operationsChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator/**", "/openapi.yaml", "/till/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) -> refuse(res, e, "Admin credentials required")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain backOfficeChain(HttpSecurity http) throws Exception {
        http.headers(h -> h
                // written before Vaadin renders, so pages Vaadin answers itself (the login view) carry them too
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                })
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(f -> f.sameOrigin())
                .contentSecurityPolicy(c -> c.policyDirectives(BACK_OFFICE_CSP))
                .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY)));
        // the app shell loads the back-office stylesheet on the login page too, before anyone is signed in
        http.authorizeHttpRequests(a -> a.requestMatchers("/styles/**").permitAll()
                // a missing static file (e.g. under /till/) answers 404, not a redirect to the login page
                .requestMatchers("/error").permitAll());
        // a signed-in user's mistyped address reaches Vaadin, which shows its not-found page in the
        // back-office frame; by default it would be refused here and end on the container's error page
        return http.with(VaadinSecurityConfigurer.vaadin(), c -> c.loginView(LoginView.class)
                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated)).build();
    }

    /**
     * A URL the firewall refuses (encoded line breaks, path traversal) gets a plain 400 in the API
     * error shape. The default sends an error dispatch, which the back-office chain would answer
     * with a redirect to its login page.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> writeError(response, 400, "invalid_request", "The request URL is not acceptable");
    }

    /** 401, or 429 with Retry-After when the address must wait before its password is checked again. */
    private static void refuse(HttpServletResponse response, AuthenticationException e, String message) throws IOException {
        if (e instanceof SignInThrottled throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            writeError(response, 429, "too_many_attempts",
                    "Too many wrong passwords from this address; retry after " + throttled.retryAfterSeconds() + " s");
            return;
        }
        writeError(response, 401, "unauthorized", message);
    }

    static void writeError(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"tillsync\"");
        }
        response.getWriter().write(ApiEnvelope.errorJson(status, code, message));
    }
}
