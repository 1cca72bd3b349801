package io.customertimeline.dashboard;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links in the dashboard's pages are written as they are. Spring Boot turns resource-URL rewriting
 * on because webjars-locator is on the classpath (for the version-less {@code /webjars/} paths);
 * it then looks every {@code @{...}} link up on the classpath as a possible static file: 90 % of
 * the render time of a customer page with 100 entries (BENCHMARKS.md). The pages link their
 * static files directly, so nothing is lost.
 */
@Configuration(proxyBeanMethods = false)
class PageLinks {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlRewritingOff() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> off = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        off.setEnabled(false);
        return off;
    }
}
