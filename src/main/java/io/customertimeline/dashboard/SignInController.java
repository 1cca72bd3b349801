package io.customertimeline.dashboard;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page (Spring Security handles the POST). */
@Controller
class SignInController {

    @GetMapping("/signin")
    String signIn(Authentication auth) {
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken) ? "redirect:/timeline" : "signin";
    }
}
