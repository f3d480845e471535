package io.orderhub.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Locale;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Registers a bean (a RouteBuilder, typically) only in processes that run the given role of
 * {@code orderhub.roles} (import, partner, dashboard; all three by default).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnRole.OnRole.class)
public @interface ConditionalOnRole {

    String value();

    class OnRole implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String role = (String) metadata.getAnnotationAttributes(ConditionalOnRole.class.getName()).get("value");
            String roles = context.getEnvironment().getProperty("orderhub.roles", "import,partner,dashboard");
            return Arrays.stream(roles.split(",")).map(r -> r.trim().toLowerCase(Locale.ROOT)).anyMatch(role::equals);
        }
    }
}
