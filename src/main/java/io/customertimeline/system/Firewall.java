package io.customertimeline.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its default rules, checked by a loop instead of
 * a regular expression. The default checks every header name and value and every parameter name a
 * request reads with {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, each time it is read: 14 % of the
 * service's CPU samples on a timeline read (BENCHMARKS.md, eighteenth round). The rules are unchanged:
 * every code point assigned and no control character, a tab allowed in header values.
 */
@Configuration(proxyBeanMethods = false)
class Firewall {

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(s -> allowed(s, false));
        firewall.setAllowedHeaderValues(s -> allowed(s, true));
        firewall.setAllowedParameterNames(s -> allowed(s, false));
        return firewall;
    }

    /** Whether every code point of {@code s} is assigned and none is a control character (but a tab, if allowed). */
    static boolean allowed(String s, boolean tab) {
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c < 0x80) { // ASCII: all assigned; the controls are below space and DEL
                if ((c < 0x20 || c == 0x7f) && !(tab && c == '\t')) {
                    return false;
                }
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
