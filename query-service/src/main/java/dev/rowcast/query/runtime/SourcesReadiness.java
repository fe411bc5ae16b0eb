package dev.rowcast.query.runtime;

import dev.rowcast.contract.SourceStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every source's last poll succeeded. Otherwise DOWN, with each source's state and last error, so
 * {@code /q/health/ready} says at once which source is stuck and why.
 */
@Readiness
@ApplicationScoped
public class SourcesReadiness implements HealthCheck {

    @Inject
    QueryService service;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("rowcast-sources");
        boolean up = !service.monitors().isEmpty();
        for (SourceMonitor monitor : service.monitors()) {
            SourceStatus.State state = monitor.state();
            if (state == SourceStatus.State.RUNNING) {
                SourceStatus s = monitor.current();
                builder.withData(monitor.source(), "RUNNING, position " + (s.position() == null || s.position().isEmpty() ? "(start)" : s.position())
                        + ", " + s.rowsTotal() + " rows since start");
            } else {
                up = false;
                builder.withData(monitor.source(), state == null ? "STARTING" : state + ": " + monitor.lastError());
            }
        }
        return builder.status(up).build();
    }
}
