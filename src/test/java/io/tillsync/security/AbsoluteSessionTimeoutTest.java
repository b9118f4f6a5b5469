package io.tillsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

class AbsoluteSessionTimeoutTest {

    private static boolean survives(Duration age, String path) throws Exception {
        MockHttpSession session = new MockHttpSession();
        Clock later = Clock.fixed(Instant.ofEpochMilli(session.getCreationTime()).plus(age), ZoneOffset.UTC);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setSession(session);
        new AbsoluteSessionTimeout(Duration.ofHours(12), later).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return !session.isInvalid();
    }

    @Test
    void a_session_younger_than_the_limit_goes_on() throws Exception {
        assertThat(survives(Duration.ofHours(11), "/conflicts")).isTrue();
    }

    @Test
    void a_session_older_than_the_limit_ends_however_busy_it_is() throws Exception {
        assertThat(survives(Duration.ofHours(12).plusSeconds(1), "/conflicts")).isFalse();
    }
}
