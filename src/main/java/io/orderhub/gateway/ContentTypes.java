package io.orderhub.gateway;

import java.util.Locale;

/** Media types the hub takes: JSON for every order delivery, a form only for WooCommerce's ping. */
public final class ContentTypes {

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";
    public static final String PROBLEM_JSON = "application/problem+json";

    private ContentTypes() {
    }

    public static boolean isJson(String contentType) {
        return JSON.equals(mediaType(contentType));
    }

    public static boolean isForm(String contentType) {
        return FORM.equals(mediaType(contentType));
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
