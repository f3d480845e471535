package io.orderhub.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The demo traffic simulator ({@code demo} profile): how many webhooks a second, and how many are odd. */
@ConfigurationProperties("orderhub.demo")
public record DemoProperties(
        @DefaultValue("2") double ratePerSecond,
        @DefaultValue("0.05") double duplicateShare,
        @DefaultValue("0.10") double updateShare,
        @DefaultValue("0.03") double badSignatureShare,
        @DefaultValue("demo-shopify-secret") String shopifySecret,
        @DefaultValue("demo-woo.example.com") String wooStore,
        @DefaultValue("demo-woo-secret") String wooSecret,
        @DefaultValue("demodemo1") String bigCommerceStore,
        @DefaultValue("demo-bc-secret") String bigCommerceSecret) {
}
