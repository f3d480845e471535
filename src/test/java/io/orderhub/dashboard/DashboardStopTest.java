package io.orderhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.orderhub.store.EmbeddedMongoStore;
import io.orderhub.support.HubProcess;
import io.orderhub.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A stopping hub ends its dashboard's Redis subscription before Redis's connections close: quietly, where it
 * used to log a warning and a stack trace at every stop (an operator reads those as a fault).
 */
@ExtendWith(OutputCaptureExtension.class)
class DashboardStopTest {

    @Test
    void aStoppingHubLeavesTheDashboardChannelWithoutAWarning(CapturedOutput output) {
        // A channel of this test's own, so that no other hub's subscription is counted.
        String channel = "orderhub:dashboard:events:stop-test-" + ProcessHandle.current().pid();
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start("", 0)) {
            HubProcess hub = HubProcess.start(store.connectionString(), null,
                    Map.of("orderhub.dashboard.websocket-port", "0", "orderhub.dashboard.channel", channel));
            try {
                assertThat(subscribers(channel)).as("the hub's subscription while it runs").isEqualTo(1);
            } finally {
                hub.close();
            }
        }
        assertThat(subscribers(channel)).as("subscribers once the hub has stopped").isZero();
        assertThat(output.getAll()).as("what the stop logged")
                .doesNotContain("Unable to unsubscribe")
                .doesNotContain("contains unreleased connections");
    }

    private static long subscribers(String channel) {
        return TestRedis.run(redis -> redis.pubsubNumsub(channel).getOrDefault(channel, 0L));
    }
}
