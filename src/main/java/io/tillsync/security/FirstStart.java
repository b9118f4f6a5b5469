package io.tillsync.security;

import io.tillsync.base.StartRefused;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On an empty database, creates the back-office user {@code admin} with the password from
 * TILLSYNC_ADMIN_PASSWORD, or a random one printed to the log this once.
 */
@Component
@Order(0)
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final UserService users;
    private final String chosenPassword;

    FirstStart(UserService users, Environment env) {
        this.users = users;
        this.chosenPassword = env.getProperty("TILLSYNC_ADMIN_PASSWORD", env.getProperty("tillsync.admin-password", ""));
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.anyUser()) {
            return;
        }
        String password = chosenPassword;
        boolean generated = password.isBlank();
        if (!generated) {
            PasswordPolicy.problem(password, "admin").ifPresent(problem -> {
                throw new StartRefused("TILLSYNC_ADMIN_PASSWORD is not accepted as the password of 'admin': " + problem + ".",
                        "Set TILLSYNC_ADMIN_PASSWORD to at least " + PasswordPolicy.MIN_LENGTH + " characters that are hard to "
                                + "guess and do not contain 'admin', or leave it unset to have a random password printed once.");
            });
        }
        if (generated) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        users.createUnchecked("admin", "Administrator", password, Role.ADMIN, Set.of());
        if (generated) {
            // printed once, on purpose: the only way an operator learns the first password without setting one
            log.warn("\n\n  First start: back-office user 'admin' created with password: {}\n  Set TILLSYNC_ADMIN_PASSWORD to choose it instead.\n", password);
        } else {
            log.info("First start: back-office user 'admin' created with the password from TILLSYNC_ADMIN_PASSWORD");
        }
    }
}
