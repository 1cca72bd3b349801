package io.customertimeline.users;

import io.customertimeline.customers.Customers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A person who reads a customer through the API with their dashboard session is audited like a
 * read in the dashboard. Machine callers (the API key) are not people and are not recorded.
 * The API is a way to take data out in bulk, like the exports, so a viewer uses it only while
 * the admin lets viewers export ("Viewers may export"); the dashboard itself never calls it.
 */
@Configuration(proxyBeanMethods = false)
class PersonApiReads implements WebMvcConfigurer, HandlerInterceptor {

    private static final Set<String> PROFILE_ACTIONS = Set.of("timeline", "profile", "customer_details", "email_threads",
            "quote_sessions", "order_history");
    private final Customers customers;
    private final ProfileReads reads;
    private final DashboardSettings settings;

    PersonApiReads(Customers customers, ProfileReads reads, DashboardSettings settings) {
        this.customers = customers;
        this.reads = reads;
        this.settings = settings;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/timeline", "/api/timeline/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (Person.isPerson(auth) && !Person.of(auth).mayExport(settings)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Viewers may not take data out through the API or exports; "
                    + "an admin can allow it (\"Viewers may export\").");
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (ex != null || response.getStatus() != 200 || !Person.isPerson(auth)) {
            return;
        }
        String action = request.getParameter("action");
        String path = request.getRequestURI();
        boolean profileRead = path.endsWith("/api/timeline") ? PROFILE_ACTIONS.contains(action) : true;
        String customerId = request.getParameter("customerId");
        if (profileRead && customerId != null) {
            String channel = path.endsWith("/api/timeline") ? "api:" + action : "api:" + path.substring(path.lastIndexOf('/') + 1);
            customers.find(customerId).ifPresent(id -> reads.record(auth.getName(), id, channel));
        }
    }
}
