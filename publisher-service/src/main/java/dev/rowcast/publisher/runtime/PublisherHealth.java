package dev.rowcast.publisher.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Ready when the broker answers, the site folder takes a file, and the consuming thread runs without error. */
@Readiness
@Liveness
@ApplicationScoped
public class PublisherHealth implements HealthCheck {

    @Inject
    PublisherService service;

    private volatile long checkedAt;
    private volatile String brokerProblem = "not checked yet";

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("rowcast-publisher");
        boolean up = service.running();
        b.withData("consumer", up ? "running" : "stopped");
        String siteProblem = siteProblem(service.settings().root());
        b.withData("site", siteProblem == null ? "writable " + service.settings().root() : siteProblem);
        up &= siteProblem == null;
        String broker = brokerProblem();
        b.withData("broker", broker == null ? "reachable " + service.settings().bootstrapServers() : broker);
        up &= broker == null;
        if (service.consumer() != null) {
            b.withData("lag", service.consumer().lag());
            if (service.consumer().lastError() != null) {
                b.withData("lastError", service.consumer().lastError());
                up = false;
            }
        }
        return b.status(up).build();
    }

    private static String siteProblem(Path root) {
        try {
            Path probe = Files.createTempFile(root, ".health", ".tmp");
            Files.delete(probe);
            return null;
        } catch (Exception e) {
            return "not writable: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Asks the broker at most every 5 s. */
    private String brokerProblem() {
        long now = System.nanoTime();
        if (now - checkedAt < TimeUnit.SECONDS.toNanos(5) && checkedAt != 0) {
            return brokerProblem;
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, service.settings().bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(4, TimeUnit.SECONDS);
            brokerProblem = null;
        } catch (Exception e) {
            brokerProblem = "unreachable: " + e.getClass().getSimpleName();
        }
        checkedAt = System.nanoTime();
        return brokerProblem;
    }
}
