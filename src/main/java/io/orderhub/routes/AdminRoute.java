package io.orderhub.routes;

import java.util.Map;

import io.orderhub.admin.DeadLetterQueries;
import io.orderhub.admin.MappingPreviews;
import io.orderhub.admin.MappingPreviews.Preview;
import io.orderhub.config.ConditionalOnRole;
import io.orderhub.mapping.OrderMapper;
import io.orderhub.problem.Problems;
import io.orderhub.security.AdminCredentials;
import org.apache.camel.Exchange;
import io.orderhub.gateway.HttpResponses;
import org.springframework.stereotype.Component;

/**
 * The operator API under {@code /admin}: dead letters and their replay, re-mapping stored orders after a
 * mapping change, reloading mapping files and previewing one on a pasted payload. Every call needs the
 * operator credential.
 */
@Component
@ConditionalOnRole("import")
public class AdminRoute extends ApiRouteBuilder {

    private static final int DEFAULT_LIMIT = 100;

    private final AdminCredentials credentials;
    private final DeadLetterQueries deadLetters;
    private final OrderMapper mapper;
    private final MappingPreviews previews;

    public AdminRoute(AdminCredentials credentials, DeadLetterQueries deadLetters, OrderMapper mapper,
            MappingPreviews previews, HttpResponses responses) {
        super(responses);
        this.credentials = credentials;
        this.deadLetters = deadLetters;
        this.mapper = mapper;
        this.previews = previews;
    }

    @Override
    protected void routes() {
        from("platform-http:/admin/dead-letters?httpMethodRestrict=GET").routeId("admin-dead-letters")
                .process(credentials::requireAdmin)
                .process(exchange -> responses.jsonText(exchange, 200, deadLetters.list(
                        header(exchange, "replayed"), DEFAULT_LIMIT)));

        from("platform-http:/admin/dead-letters/{id}?httpMethodRestrict=GET").routeId("admin-dead-letter")
                .process(credentials::requireAdmin)
                .process(exchange -> responses.jsonText(exchange, 200, deadLetters.one(header(exchange, "id"))));

        from("platform-http:/admin/dead-letters/{id}/replay?httpMethodRestrict=POST").routeId("admin-dead-letter-replay")
                .process(credentials::requireAdmin)
                .to(ReplayRoute.DEAD_LETTER)
                .process(this::answer);

        from("platform-http:/admin/reprocess?httpMethodRestrict=POST").routeId("admin-reprocess")
                .process(credentials::requireAdmin)
                .to(ReplayRoute.REPROCESS)
                .process(this::answer);

        from("platform-http:/admin/mappings/reload?httpMethodRestrict=POST").routeId("admin-mappings-reload")
                .process(credentials::requireAdmin)
                .process(exchange -> {
                    mapper.reload();
                    responses.json(exchange, 200, Map.of("status", "reloaded", "platforms", mapper.platforms()));
                });

        from("platform-http:/admin/mappings/{platform}/preview?httpMethodRestrict=POST").routeId("admin-mappings-preview")
                .process(credentials::requireAdmin)
                .process(this::preview);
    }

    private void answer(Exchange exchange) {
        responses.json(exchange, 200, exchange.getMessage().getBody());
    }

    private void preview(Exchange exchange) {
        Preview preview = previews.preview(header(exchange, "platform"), header(exchange, "store_uid"),
                exchange.getMessage().getBody(byte[].class));
        responses.json(exchange, preview.status(), preview.body());
    }


}
