package io.orderhub.platform.etsy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Etsy's own setting beside the platform's common ones ({@code webhook-secret}, {@code api-base-url}): every Open API v3
 * call names the app with {@code x-api-key}, its keystring, besides the shop's OAuth token.
 *
 * @param apiKey the app's keystring (newer apps: {@code keystring:shared_secret}); none sends no {@code x-api-key}
 */
@ConfigurationProperties("orderhub.platforms.etsy")
public record EtsyProperties(String apiKey) {
}
