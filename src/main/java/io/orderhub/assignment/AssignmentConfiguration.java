package io.orderhub.assignment;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AssignmentConfiguration {

    /** Registered by name for {@code resilience4jConfiguration().circuitBreaker(…)}. */
    @Bean(PartnerServiceBreaker.BEAN)
    CircuitBreaker partnerServiceCircuitBreaker(PartnerServiceBreaker breaker) {
        return breaker.circuitBreaker();
    }
}
