package io.orderhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness run for a few seconds against the packaged jar (embedded shape), so it cannot rot: it
 * must produce its table, count the cost per order, and its exactly-once check must hold. Its figures mean nothing
 * here and are not asserted.
 */
@Tag("bench-smoke")
class BenchSmokeIT {

    @TempDir
    Path results;

    @Test
    void aShortRunProducesTheTableAndEveryAcknowledgedOrderIsStoredExactlyOnce() throws Exception {
        BenchOptions options = BenchOptions.parse("embedded", "--connections=4", "--ceiling=1", "--warmup=1", "--sustained=2",
                "--rate=50", "--open-loop=1", "--max-rate=200", "--results=" + results);

        List<BenchMain.Result> runs = BenchMain.run(options, "BenchSmokeIT");

        assertThat(runs).hasSize(1);
        BenchMain.Result run = runs.get(0);
        assertThat(Files.readString(run.file())).contains("## Goals of issue 8", "exactly once");
        ExactlyOnce check = run.run().check();
        assertThat(check.acknowledged()).as(run.table()).isPositive();
        assertThat(check.lost()).as(run.table()).isZero();
        assertThat(check.duplicated()).as(run.table()).isZero();
        assertThat(check.wronglyAnswered()).as(run.table()).isZero();
        // The cost per order is counted by the hub: every new order's insert waited on the request path.
        assertThat(run.run().costs().request()).as(run.table()).containsKey("orders.insert");
        assertThat(run.run().costs().hubCpuMs()).as(run.table()).isPositive();
    }
}
