package io.customertimeline.users;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.security.web.session.InvalidSessionStrategy;
import org.springframework.security.web.session.SimpleRedirectInvalidSessionStrategy;

/**
 * Everything outside {@code /api/**}: form sign-in for people, sessions with CSRF protection, a
 * strict Content-Security-Policy (no inline script or style, no plugins, no framing).
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    /** Pages go to the sign-in form; htmx calls (after the session ended) tell htmx to load it as a whole page. */
    private static AuthenticationEntryPoint signIn() {
        var form = new LoginUrlAuthenticationEntryPoint("/signin");
        return (req, res, ex) -> {
            if (!signInAgain(req, res)) {
                form.commence(req, res, ex);
            }
        };
    }

    /** As {@link #signIn()}, for a request that names a session that has ended (timed out, or its account changed). */
    private static InvalidSessionStrategy sessionEnded() {
        var redirect = new SimpleRedirectInvalidSessionStrategy("/signin?expired");
        return (req, res) -> {
            if (!signInAgain(req, res)) {
                if ("GET".equals(req.getMethod())) {
                    returnTo(req, req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString()));
                }
                redirect.onInvalidSessionDetected(req, res);
            }
        };
    }

    /** An htmx call is answered 401 with {@code HX-Redirect}: a redirect would put the sign-in page inside a card. */
    private static boolean signInAgain(HttpServletRequest req, HttpServletResponse res) {
        if (!"true".equals(req.getHeader("HX-Request"))) {
            return false;
        }
        String page = req.getHeader("HX-Current-URL"); // the page the person was on, not the fragment it asked for
        if (page != null) {
            try {
                URI at = URI.create(page.strip());
                returnTo(req, at.getRawPath() + (at.getRawQuery() == null ? "" : "?" + at.getRawQuery()));
            } catch (IllegalArgumentException garbled) {
                // nowhere to return to: the dashboard's start
            }
        }
        res.setHeader("HX-Redirect", req.getContextPath() + "/signin?expired");
        res.setStatus(401);
        return true;
    }

    /**
     * After signing in again the person lands where they were (the customer they had open), not on
     * an empty dashboard. Only a dashboard page of this service: a path, never a host.
     */
    private static void returnTo(HttpServletRequest req, String pathAndQuery) {
        if (pathAndQuery != null && pathAndQuery.startsWith("/timeline") && !pathAndQuery.startsWith("/timeline/events")) {
            req.getSession(true).setAttribute("SPRING_SECURITY_SAVED_REQUEST",
                    new SimpleSavedRequest(req.getContextPath() + pathAndQuery));
        }
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(20)
    @ConditionalOnWebApplication
    SecurityFilterChain dashboardChain(HttpSecurity http, Users users, PasswordEncoder encoder, SignInThrottle throttle,
            SignedInAccounts accounts) throws Exception {
        var passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        var landing = new SavedRequestAwareAuthenticationSuccessHandler();
        landing.setDefaultTargetUrl("/timeline");
        return http
                .authenticationProvider(new ThrottledAuthentication(passwords, throttle, name -> users.find(name).isPresent()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/signin", "/error",
                                "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().hasRole("VIEWER"))
                .formLogin(f -> f.loginPage("/signin").loginProcessingUrl("/signin")
                        .successHandler((req, res, auth) -> {
                            accounts.signedIn(req, auth.getName());
                            landing.onAuthenticationSuccess(req, res, auth);
                        })
                        .failureHandler((req, res, ex) -> res.sendRedirect(req.getContextPath() + "/signin?"
                                + (ex instanceof org.springframework.security.authentication.LockedException ? "locked" : "error")))
                        .permitAll())
                .logout(l -> l.logoutUrl("/signout").logoutSuccessUrl("/signin?signedout").deleteCookies("JSESSIONID"))
                .sessionManagement(s -> s.invalidSessionStrategy(sessionEnded()))
                .exceptionHandling(e -> e.authenticationEntryPoint(signIn()))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }
}
