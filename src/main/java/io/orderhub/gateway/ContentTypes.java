package io.orderhub.gateway;

import java.util.Locale;

/**
 * Media types the hub takes: JSON for order deliveries, a form only for WooCommerce's ping, plain text for a
 * signed token as the whole body (Wix sends its webhooks as a JWT).
 */
public final class ContentTypes {

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";
    public static final String TEXT = "text/plain";
    public static final String JWT = "application/jwt";
    public static final String PROBLEM_JSON = "application/problem+json";

    private ContentTypes() {
    }

    public static boolean isJson(String contentType) {
        return JSON.equals(mediaType(contentType));
    }

    public static boolean isForm(String contentType) {
        return FORM.equals(mediaType(contentType));
    }

    /** A body that is one signed token (JWT): {@code text/plain} or {@code application/jwt}. */
    public static boolean isToken(String contentType) {
        String type = mediaType(contentType);
        return TEXT.equals(type) || JWT.equals(type);
    }

    /** The media type without parameters, lower-cased: {@code Application/JSON; charset=utf-8} is {@code application/json}. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }
}
