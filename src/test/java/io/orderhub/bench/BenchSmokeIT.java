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
 * must produce its table, count the cost per order, measure the store's ceiling, drive imports with wrk, and its
 * exactly-once checks must hold. Its figures mean nothing
 * here and are not asserted.
 */
@Tag("bench-smoke")
class BenchSmokeIT {

    @TempDir
    Path results;

    @Test
    void aShortRunProducesTheTableAndEveryAcknowledgedOrderIsStoredExactlyOnce() throws Exception {
        BenchOptions options = BenchOptions.parse("embedded", "--connections=4", "--ceiling=1", "--warmup=1", "--sustained=2",
                "--rate=50", "--open-loop=1", "--max-rate=200", "--wrk-imports=2", "--results=" + results);

        List<BenchMain.Result> runs = BenchMain.run(options, "BenchSmokeIT");

        assertThat(runs).hasSize(1);
        BenchMain.Result run = runs.get(0);
        assertThat(Files.readString(run.file())).contains("## Goals (issues 8 and 19)", "exactly once", "assigned within 5 s");
        ExactlyOnce check = run.run().check();
        assertThat(check.acknowledged()).as(run.table()).isPositive();
        assertThat(check.lost()).as(run.table()).isZero();
        assertThat(check.duplicated()).as(run.table()).isZero();
        assertThat(check.wronglyAnswered()).as(run.table()).isZero();
        // The cost per order is counted by the hub: every new order's insert waited on the request path.
        assertThat(run.run().costs().request()).as(run.table()).containsKey("orders.insert");
        assertThat(run.run().costs().hubCpuMs()).as(run.table()).isPositive();
        // A hub seconds old is still compiling: its compiler threads are found and their share is part of the whole.
        assertThat(run.run().costs().jitCpuMs()).as(run.table()).isPositive()
                .isLessThanOrEqualTo(run.run().costs().totalCpuMs());
        // The delivery tally read every stored order with its history.
        assertThat(run.run().deliveries().orders()).as(run.table()).isPositive();
        // The wrk-driven run (wrk is Debian's; .ci/run installs it): the store's ceiling, then signed Shopify
        // orders made and signed by wrk's script, each 2xx stored exactly once.
        BenchReport.WrkRun wrk = run.run().wrkRun();
        assertThat(wrk).as(run.table()).isNotNull();
        assertThat(wrk.store().why()).as(run.table()).isNull();
        assertThat(wrk.store().batchedRate()).as(run.table()).isPositive();
        assertThat(wrk.store().updateRate()).as(run.table()).isPositive();
        assertThat(wrk.store().batchedUpdateRate()).as(run.table()).isPositive();
        assertThat(wrk.imports().ok()).as(run.table()).isPositive();
        assertThat(wrk.imports().created()).as(run.table()).isEqualTo(wrk.imports().ok());
        // Assignment alone on the backlog: what it assigned is counted with the commands it sent for them.
        CostSampler.Costs assigning = wrk.drain().costs();
        assertThat(wrk.drain().backlog()).as("pending orders counted by the store").isNotNegative();
        assertThat(assigning.imports() == 0 || assigning.background().containsKey("orders.update")
                || assigning.background().containsKey("orders.findAndModify")).as(run.table()).isTrue();
        // The durable floor on the same hub: every 2xx it gave is a document it stored.
        BenchMain.DurableFloorRun floor = wrk.floor();
        assertThat(floor.result().why()).as(run.table()).isNull();
        assertThat(floor.result().ok()).as(run.table()).isPositive().isEqualTo(floor.result().answered());
        assertThat(floor.stored()).as(run.table()).isGreaterThanOrEqualTo(floor.result().ok());
        assertThat(floor.costs().hubCpuMs()).as(run.table()).isPositive();
        assertThat(wrk.check().holds()).as(run.table()).isTrue();
        assertThat(wrk.check().stored()).as(run.table()).isGreaterThanOrEqualTo(wrk.check().acknowledged());
    }
}
