package io.tillsync.till;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The browser till is a set of static files under {@code /till/}. Static resource handling has
 * no welcome page below the root, so {@code /till/} is forwarded to its index.html here, and
 * {@code /till} redirected to {@code /till/} so the page's relative URLs and the service
 * worker's scope ({@code /till/}) line up.
 */
@Configuration
class TillWebConfig implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/till", "/till/");
        registry.addViewController("/till/").setViewName("forward:/till/index.html");
    }
}
