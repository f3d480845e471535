package io.orderhub.partner;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Partner Service, under {@code orderhub.partner.*}.
 *
 * @param baseUrl where the import role reaches the Partner Service; blank means this process itself
 *        ({@code http://127.0.0.1:{local server port}}), which is the embedded default
 * @param seedFile partners inserted at start-up when the registry has no partner of that id yet
 * @param serviceKey the bearer key the import role presents on {@code /partners/assign} and
 *        {@code /partners/release}; blank makes a random one valid for this process only, which suits the
 *        embedded default where both roles share a process
 * @param connectTimeout TCP connect timeout of the import role's pooled client
 * @param settleAfter how old a reservation step a failure left unfinished must be before the partner role's sweep
 *        finishes it (every half of this); longer than any call takes, so a call in progress finishes its own
 */
@ConfigurationProperties("orderhub.partner")
public record PartnerProperties(
        String baseUrl,
        @DefaultValue("classpath:partners.yml") String seedFile,
        String serviceKey,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("10s") Duration settleAfter) {
}
