package io.orderhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The production compose file, checked the way `docker compose config` would where the compose plugin is
 * absent (as on our machines): it parses with its anchors merged, has the documented shape, and every file
 * it mounts exists and is well-formed.
 */
class ProductionComposeFileTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Paths.get("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeFileHasTheProductionShapeWithHealthChecks() throws IOException {
        Map<String, Object> services = services();
        assertThat(services).containsKeys("mongo", "redis", "import-1", "import-2", "partner", "dashboard", "nginx",
                "prometheus", "grafana");
        assertThat(((List<String>) ((Map<String, Object>) services.get("mongo")).get("command"))).contains("--replSet");
        assertThat(((List<String>) ((Map<String, Object>) services.get("redis")).get("command"))).contains("--appendonly");
        Map<String, String> roles = Map.of("import-1", "import", "import-2", "import", "partner", "partner", "dashboard",
                "dashboard");
        roles.forEach((name, role) -> {
            Map<String, Object> service = (Map<String, Object>) services.get(name);
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(environment).as(name).containsEntry("ORDERHUB_ROLES", role)
                    .containsKeys("ORDERHUB_STORE_URI", "ORDERHUB_IDEMPOTENCY_CACHE", "ORDERHUB_ADMIN_API_KEY");
            assertThat(service).as(name + " from the one jar").containsKeys("build", "healthcheck");
        });
    }

    /**
     * ops/nginx.conf as compose's nginx service fills it in: envsubst with exactly the names its command lists,
     * from the service's environment (ops/cluster.sh fills in the same names).
     */
    @SuppressWarnings("unchecked")
    private static String composeNginxConfig() throws IOException {
        Map<String, Object> nginx = (Map<String, Object>) services().get("nginx");
        Map<String, Object> environment = (Map<String, Object>) nginx.get("environment");
        String command = String.join(" ", (List<String>) nginx.get("command"));
        String config = Files.readString(Paths.get("ops/nginx.conf"));
        for (Map.Entry<String, Object> variable : environment.entrySet()) {
            assertThat(command).as("envsubst fills in " + variable.getKey()).contains("$$" + variable.getKey());
            config = config.replace("${" + variable.getKey() + "}", String.valueOf(variable.getValue()));
        }
        return config;
    }

    @Test
    void everyMountedConfigurationFileExistsAndParses() throws IOException {
        assertThat(composeNginxConfig()).contains("upstream import").contains("server import-2:8080")
                .contains("non_idempotent").contains("proxy_set_header Upgrade").doesNotContain("${");
        Map<String, Object> prometheus = new Yaml().load(Files.readString(Paths.get("ops/prometheus.yml")));
        assertThat(prometheus.toString()).contains("/actuator/prometheus").contains("import-1:8080");
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("ops/grafana/order-import-hub.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(10);
        assertThat(dashboard.toString()).contains("orderhub_imports_total").contains("orderhub_import_latency_seconds_bucket")
                .contains("orderhub_partner_breaker_state").contains("orderhub_queue_depth");
        assertThat(Files.exists(Paths.get("ops/grafana/provisioning/datasources/prometheus.yml"))).isTrue();
        assertThat(Files.exists(Paths.get("Dockerfile"))).isTrue();
    }
}
