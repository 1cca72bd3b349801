package io.customertimeline.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The machine API ({@code /api/**}) takes {@code Authorization: Bearer <TIMELINE_API_KEY>}.
 * Inbound channels ({@code /api/webhooks/**}, {@code /api/integrations/**}) check their own
 * secrets and signatures in their controllers. A person signed in to the dashboard may also
 * read {@code GET /api/timeline/**} with their session (reads only: this chain has no CSRF
 * protection, so nothing that writes accepts a session).
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurity {

    /** Authority of a caller holding the API key: full API access. */
    public static final String API_CLIENT = "ROLE_API";
    /** Authority every signed-in dashboard person holds (the viewer role and up). */
    public static final String PERSON = "ROLE_VIEWER";

    @Bean
    ApiKey apiKey(Secrets secrets, TimelineProperties props) {
        return new ApiKey(secrets.get("TIMELINE_API_KEY", props.apiKey(), "tl_"));
    }

    /**
     * Spring Security's own observations (filter chain, authentication, authorization) off: with
     * them, every filter of every request is wrapped to be observed, 5-15 % of the CPU of a read
     * (BENCHMARKS.md). Turning them off by name left the wrapping in place; this removes it.
     * HTTP request metrics stay on.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(10)
    @ConditionalOnWebApplication // not in one-off commands (import), which serve no HTTP
    SecurityFilterChain apiChain(HttpSecurity http, ApiKey key, JsonMapper json) throws Exception {
        return http
                .securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), existingSessionOnly())))
                .addFilterBefore(new BearerFilter(key), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/webhooks/**", "/api/integrations/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/timeline", "/api/timeline/**").hasAnyAuthority(API_CLIENT, PERSON)
                        .anyRequest().hasAuthority(API_CLIENT))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> unauthorized(res, json))
                        .accessDeniedHandler((req, res, ex) -> {
                            res.setStatus(HttpStatus.FORBIDDEN.value());
                            res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                            json.writeValue(res.getOutputStream(), ProblemHandler.problem(HttpStatus.FORBIDDEN,
                                    "Forbidden", "A dashboard session may only read /api/timeline; everything else, and every change,"
                                    + " needs 'Authorization: Bearer <TIMELINE_API_KEY>'. Staff change profiles in the dashboard.",
                                    "Authorization"));
                        }))
                .build();
    }

    /** Reads a dashboard person's session if there is one; never creates or saves one. */
    private static HttpSessionSecurityContextRepository existingSessionOnly() {
        var sessions = new HttpSessionSecurityContextRepository();
        sessions.setAllowSessionCreation(false);
        return sessions;
    }

    static void unauthorized(HttpServletResponse res, JsonMapper json) throws IOException {
        res.setStatus(HttpStatus.UNAUTHORIZED.value());
        res.setHeader("WWW-Authenticate", "Bearer");
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(res.getOutputStream(), ProblemHandler.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                "Send 'Authorization: Bearer <TIMELINE_API_KEY>'.", "Authorization"));
    }

    /** The key machine callers present. */
    public record ApiKey(String value) {
        @Override
        public String toString() {
            return "ApiKey[***]";
        }
    }

    private static final class BearerFilter extends OncePerRequestFilter {
        private final ApiKey key;

        BearerFilter(ApiKey key) {
            this.key = key;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    && Secrets.matches(header.substring(7).strip(), key.value())) {
                var auth = UsernamePasswordAuthenticationToken.authenticated("api-client", null,
                        List.of(new SimpleGrantedAuthority(API_CLIENT)));
                SecurityContextHolder.getContext().setAuthentication(auth);
            }
            chain.doFilter(request, response);
        }
    }
}
