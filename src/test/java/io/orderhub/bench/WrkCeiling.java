package io.orderhub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The no-op ceiling as Debian's {@code wrk} measures it (one thread, the same connections and body), beside the
 * harness's own: when the two disagree by more than a tenth, the generator, not the hub, is what the ceiling shows.
 * {@code bench/run.sh} installs wrk when it can; without it the report says so.
 */
final class WrkCeiling {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    /** Requests per second, or null with {@code why} saying what stopped it. */
    record Result(Double rate, String why) {
    }

    private WrkCeiling() {
    }

    static Result measure(int port, Workload.Request sample, int connections, int seconds, Path work) {
        try {
            Path script = Files.createDirectories(work).resolve("noop.lua");
            Files.writeString(script, lua(sample), StandardCharsets.UTF_8);
            Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "-s", script.toString(),
                    "http://127.0.0.1:" + port + "/bench/noop").redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                return new Result(null, "wrk failed: " + output.strip());
            }
            Matcher rate = RATE.matcher(output);
            return rate.find() ? new Result(Double.parseDouble(rate.group(1)), null) : new Result(null, "no rate in: " + output.strip());
        } catch (IOException e) {
            return new Result(null, "wrk not installed (Debian: apt-get install wrk)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted");
        }
    }

    /** A POST of the sample delivery's body and headers, every request the same. */
    private static String lua(Workload.Request sample) {
        StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\n");
        lua.append("wrk.body = \"").append(escaped(new String(sample.body(), StandardCharsets.UTF_8))).append("\"\n");
        for (Map.Entry<String, String> header : sample.headers().entrySet()) {
            if (!List.of("content-length", "host").contains(header.getKey().toLowerCase())) {
                lua.append("wrk.headers[\"").append(escaped(header.getKey())).append("\"] = \"").append(escaped(header.getValue()))
                        .append("\"\n");
            }
        }
        return lua.toString();
    }

    /** {@code text} inside a Lua string literal. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 ? String.format("\\%03d", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
