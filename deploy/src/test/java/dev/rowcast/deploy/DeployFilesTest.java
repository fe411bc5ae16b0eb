package dev.rowcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Static checks of the deploy files, with no Docker engine: the Docker client's own validation, yamllint, and a
 * cross-reference that catches what the client does not (undefined networks, secrets, configs and volumes,
 * missing files, unpinned images).
 */
class DeployFilesTest {

    static final Path DIR = Path.of(".").toAbsolutePath().normalize();
    static final Map<String, Path> BUILT_HERE = Map.of(
            "rowcast/query-service", DIR.resolve("../query-service/src/main/docker/Dockerfile.jvm").normalize(),
            "rowcast/publisher-service", DIR.resolve("../publisher-service/src/main/docker/Dockerfile.jvm").normalize());

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-stack.yml", "docker-compose.yml"})
    void theDockerClientAcceptsTheFile(String file) throws Exception {
        String normalized = run("docker", "stack", "config", "-c", file);
        assertTrue(normalized.contains("services:"), normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-stack.yml", "docker-compose.yml"})
    void yamllintIsClean(String file) throws Exception {
        run("yamllint", "-s", "-c", ".yamllint", file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-stack.yml", "docker-compose.yml"})
    void everythingAServiceNamesIsDefinedAndEveryFileExists(String file) throws Exception {
        JsonNode stack = new ObjectMapper(new YAMLFactory()).readTree(run("docker", "stack", "config", "-c", file));
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = stack.get("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            String name = service.getKey();
            JsonNode s = service.getValue();
            for (JsonNode n : iterable(s.path("networks"))) {
                require(stack, "networks", n.isTextual() ? n.asText() : null, name, problems);
            }
            s.path("networks").fieldNames().forEachRemaining(n -> require(stack, "networks", n, name, problems));
            for (JsonNode secret : iterable(s.path("secrets"))) {
                require(stack, "secrets", secret.path("source").asText(secret.asText()), name, problems);
            }
            for (JsonNode config : iterable(s.path("configs"))) {
                require(stack, "configs", config.path("source").asText(config.asText()), name, problems);
            }
            for (JsonNode volume : iterable(s.path("volumes"))) {
                if ("volume".equals(volume.path("type").asText("volume"))) {
                    require(stack, "volumes", volume.path("source").asText(), name, problems);
                }
            }
            String image = s.path("image").asText("");
            String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
            if (BUILT_HERE.containsKey(repository)) {
                if (!Files.isRegularFile(BUILT_HERE.get(repository))) {
                    problems.add(name + ": image " + image + " has no Dockerfile at " + BUILT_HERE.get(repository));
                }
            } else if (!image.contains(":") || image.endsWith(":latest")) {
                problems.add(name + ": image " + image + " is neither built here nor pinned to a tag");
            }
            if (s.path("healthcheck").isMissingNode() && !BUILT_HERE.containsKey(repository)) {
                problems.add(name + ": no health check");
            }
            if (s.path("deploy").path("resources").path("limits").isMissingNode()) {
                problems.add(name + ": no resource limits");
            }
        }
        for (String kind : List.of("configs", "secrets")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = stack.path(kind).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode f = e.getValue().get("file");
                if (f != null && !Files.isRegularFile(Path.of(f.asText()))) {
                    problems.add(kind + "." + e.getKey() + ": file " + f.asText() + " does not exist");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static void require(JsonNode stack, String kind, String name, String service, List<String> problems) {
        if (name != null && !name.isEmpty() && !stack.path(kind).has(name)) {
            problems.add(service + " names " + kind + " '" + name + "', which is not defined");
        }
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    @org.junit.jupiter.api.Test
    void theStackMeetsTheDeploymentRules() throws Exception {
        JsonNode stack = new ObjectMapper(new YAMLFactory()).readTree(run("docker", "stack", "config", "-c", "docker-stack.yml"));
        JsonNode net = stack.path("networks").path("rowcast");
        assertEquals("overlay", net.path("driver").asText());
        assertEquals("true", net.path("driver_opts").path("encrypted").asText(), "the overlay is encrypted");
        JsonNode services = stack.path("services");
        Set<String> kafka = new HashSet<>();
        services.fieldNames().forEachRemaining(n -> {
            if (n.startsWith("kafka-")) {
                kafka.add(n);
            }
        });
        assertEquals(3, kafka.size(), "three brokers");
        for (String k : kafka) {
            JsonNode env = services.path(k).path("environment");
            assertEquals("3", env.path("KAFKA_DEFAULT_REPLICATION_FACTOR").asText());
            assertEquals("2", env.path("KAFKA_MIN_INSYNC_REPLICAS").asText());
        }
        assertEquals(1, services.path("query-service").path("deploy").path("replicas").asInt());
        assertEquals("global", services.path("publisher").path("deploy").path("mode").asText());
        assertEquals("global", services.path("web").path("deploy").path("mode").asText());
        assertTrue(services.path("publisher").path("environment").path("ROWCAST_KAFKA_GROUP_ID").asText().contains("{{.Node.Hostname}}"),
                "each web host's publisher has its own group");
        assertTrue(Files.readString(DIR.resolve("config/query-service.properties")).contains("password-file=/run/secrets/db_password"));
        String httpd = Files.readString(DIR.resolve("httpd/httpd.conf"));
        for (String directive : List.of("Options -Indexes", "ServerTokens Prod", "ServerSignature Off", "X-Content-Type-Options nosniff",
                "Cache-Control")) {
            assertTrue(httpd.contains(directive), directive);
        }
        assertTrue(services.path("web").path("volumes").get(0).path("read_only").asBoolean(), "the site volume is mounted read-only");
    }

}
