package io.orderhub.gateway;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps form bodies sent to {@code /import-orders} raw. The servlet binding would otherwise parse a form
 * into parameters (and fail on anything that is not name=value pairs) before the gateway can answer 415 or
 * WooCommerce's ping. The declared content type travels on in {@link #RECEIVED_CONTENT_TYPE}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RawFormBodyFilter extends OncePerRequestFilter {

    public static final String RECEIVED_CONTENT_TYPE = "X-OrderHub-Received-Content-Type";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !DeliveryReceiver.IMPORT_PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType == null || !ContentTypes.isForm(contentType)) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getContentType() {
                return "application/octet-stream";
            }

            @Override
            public String getHeader(String name) {
                return RECEIVED_CONTENT_TYPE.equalsIgnoreCase(name) ? contentType : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return RECEIVED_CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.enumeration(List.of(contentType))
                        : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                List<String> names = Collections.list(super.getHeaderNames());
                names.add(RECEIVED_CONTENT_TYPE);
                return Collections.enumeration(names);
            }
        }, response);
    }
}
