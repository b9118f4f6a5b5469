package io.tillsync.base;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Answers API requests no endpoint takes (an unknown path, or a known one with another method)
 * in the API's own error shape. Without it such a request falls through to the back-office's
 * catch-all and a till gets a redirect to the login page instead of a 404 or 405.
 */
@RestController
class ApiFallbackController {

    private final RequestMappingHandlerMapping mappings;

    ApiFallbackController(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    @RequestMapping("/api/**")
    void none(HttpServletRequest request) {
        var path = ServletRequestPathUtils.hasParsedRequestPath(request) ? ServletRequestPathUtils.getParsedRequestPath(request)
                : ServletRequestPathUtils.parseAndCache(request);
        boolean otherMethod = mappings.getHandlerMethods().keySet().stream()
                .filter(info -> !info.getMethodsCondition().isEmpty())
                .map(RequestMappingInfo::getPathPatternsCondition)
                .filter(java.util.Objects::nonNull)
                .anyMatch(patterns -> patterns.getPatterns().stream().anyMatch(p -> p.matches(path.pathWithinApplication())));
        if (otherMethod) {
            throw new Rejected(Rejected.Kind.NOT_ALLOWED, "method_not_allowed",
                    "Method " + request.getMethod() + " is not allowed here");
        }
        throw new Rejected(Rejected.Kind.NOT_FOUND, "not_found", "No such endpoint");
    }
}
