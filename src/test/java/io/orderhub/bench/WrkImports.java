package io.orderhub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.support.Fixture;

/**
 * Imports driven by Debian's {@code wrk} instead of the harness, as issue 19 measured them: signed Shopify
 * {@code orders/create} deliveries, every order new, one wrk thread, closed loop. wrk cannot hold a run's worth of
 * pre-signed bodies, so its Lua script makes each one from the fixture's body with the next order id and signs it
 * with HMAC-SHA256 through LuaJIT's FFI into the libcrypto wrk itself links. What it answers is tallied by the
 * script (statuses, {@code "created"} answers) and written to a file when wrk is done; the order ids are a known
 * range, so the store can be checked for exactly that range.
 */
final class WrkImports {

    /** A stand-in for the order id in the body, split out so the script can put each request's id there. */
    private static final String MARKER = "7777777777777777";

    /**
     * What one wrk run got: requests answered, 2xx answers, answers saying {@code created}, by HTTP status, the
     * seconds it ran, the closed loop's latency percentiles (ms), and the first and next-unused order id.
     */
    record Result(long answered, long ok, long created, Map<Integer, Long> statuses, double seconds, double p50Ms, double p99Ms,
            long firstId, long nextId, String why) {

        double rate() {
            return ok / seconds;
        }

        /** This run and the one that continued its id range ({@code later}) as one, for the store's check. */
        Result andThen(Result later) {
            Map<Integer, Long> both = new TreeMap<>(statuses);
            later.statuses.forEach((status, count) -> both.merge(status, count, Long::sum));
            return new Result(answered + later.answered, ok + later.ok, created + later.created, both, seconds + later.seconds,
                    later.p50Ms, later.p99Ms, firstId, later.nextId, why == null ? later.why : why);
        }

        static Result failed(String why) {
            return new Result(0, 0, 0, Map.of(), 1, 0, 0, 0, 0, why);
        }
    }

    private WrkImports() {
    }

    /** New Shopify orders with ids from {@code firstId} on, {@code connections} at a time, for {@code seconds}. */
    static Result run(int port, long firstId, int connections, int seconds, Path work) {
        return run(port, "/import-orders", firstId, connections, seconds, work);
    }

    /** The same deliveries to another path of the hub: the durable floor ({@code /bench/durable}). */
    static Result run(int port, String path, long firstId, int connections, int seconds, Path work) {
        try {
            Path dir = Files.createDirectories(work);
            Path tally = dir.resolve("wrk-imports-" + firstId + ".txt");
            Path script = dir.resolve("imports.lua");
            Files.writeString(script, lua(firstId, tally), StandardCharsets.UTF_8);
            Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout", "30s", "-s",
                    script.toString(), "http://127.0.0.1:" + port + path).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0 || !Files.exists(tally)) {
                return Result.failed("wrk failed: " + output.strip());
            }
            return parse(Files.readAllLines(tally), firstId);
        } catch (IOException e) {
            return Result.failed("wrk not installed (Debian: apt-get install wrk)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
    }

    private static Result parse(List<String> lines, long firstId) {
        Map<Integer, Long> statuses = new TreeMap<>();
        Map<String, Double> figures = new TreeMap<>();
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 3 && words[0].equals("status")) {
                statuses.put(Integer.parseInt(words[1]), Long.parseLong(words[2]));
            } else if (words.length == 2) {
                figures.put(words[0], Double.parseDouble(words[1]));
            }
        }
        long ok = statuses.entrySet().stream().filter(e -> e.getKey() >= 200 && e.getKey() < 300).mapToLong(Map.Entry::getValue).sum();
        long answered = statuses.values().stream().mapToLong(Long::longValue).sum();
        return new Result(answered, ok, figures.getOrDefault("created", 0.0).longValue(), statuses,
                figures.getOrDefault("duration_us", 1e6) / 1e6, figures.getOrDefault("p50_us", 0.0) / 1000,
                figures.getOrDefault("p99_us", 0.0) / 1000, firstId, firstId + figures.getOrDefault("sent", 0.0).longValue(), null);
    }

    /** The script: the body in parts around the order id, the fixture's headers, a fresh id and signature per request. */
    private static String lua(long firstId, Path tally) {
        Workload.Platform shopify = Workload.Platform.SHOPIFY;
        ObjectNode body = shopify.template.deepCopy();
        body.put("id", Long.parseLong(MARKER));
        body.put("admin_graphql_api_id", "gid://shopify/Order/" + MARKER);
        body.put("name", "#B" + MARKER);
        String text;
        try {
            text = Fixture.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder lua = new StringBuilder("""
                local ffi = require("ffi")
                ffi.cdef[[
                typedef struct evp_md_st EVP_MD;
                const EVP_MD *EVP_sha256(void);
                unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d, size_t n,
                                    unsigned char *md, unsigned int *md_len);
                int EVP_EncodeBlock(unsigned char *t, const unsigned char *f, int n);
                ]]
                local crypto = ffi.load("libcrypto.so.3")
                local md = ffi.new("unsigned char[64]")
                local md_len = ffi.new("unsigned int[1]")
                local b64 = ffi.new("unsigned char[96]")
                local function sign(key, data)
                  crypto.HMAC(crypto.EVP_sha256(), key, #key, data, #data, md, md_len)
                  return ffi.string(b64, crypto.EVP_EncodeBlock(b64, md, md_len[0]))
                end
                """);
        lua.append("local secret = ").append(quoted(shopify.fixture.store().get("webhook-secret").asText())).append('\n');
        lua.append("local parts = {");
        for (String part : text.split(MARKER, -1)) {
            lua.append(quoted(part)).append(", ");
        }
        lua.append("}\nlocal headers = {}\n");
        for (Map.Entry<String, String> header : shopify.fixture.last().headers().entrySet()) {
            if (!List.of("content-length", "host").contains(header.getKey().toLowerCase())) {
                lua.append("headers[").append(quoted(header.getKey())).append("] = ").append(quoted(header.getValue())).append('\n');
            }
        }
        lua.append("local first_id = ").append(firstId).append('\n');
        lua.append("local tally_file = ").append(quoted(tally.toString())).append('\n');
        lua.append("""
                -- Globals, not locals: done() reads them from the thread with thread:get.
                sent, created, statuses = 0, 0, {}
                local threads = {}

                function setup(thread)
                  table.insert(threads, thread)
                end

                function request()
                  local id = string.format("%d", first_id + sent)
                  sent = sent + 1
                  local body = table.concat(parts, id)
                  local uuid = string.format("%08x-0000-4000-8000-%012x", math.floor((first_id + sent) / 2^48), (first_id + sent) % 2^48)
                  headers["X-Shopify-Hmac-Sha256"] = sign(secret, body)
                  headers["X-Shopify-Webhook-Id"] = uuid
                  headers["X-Shopify-Event-Id"] = uuid
                  return wrk.format("POST", nil, headers, body)
                end

                function response(status, response_headers, body)
                  statuses[status] = (statuses[status] or 0) + 1
                  if body and string.find(body, '"status":"created"', 1, true) then
                    created = created + 1
                  end
                end

                function done(summary, latency, requests)
                  local out = io.open(tally_file, "w")
                  local total_sent, total_created = 0, 0
                  for _, thread in ipairs(threads) do
                    total_sent = total_sent + thread:get("sent")
                    total_created = total_created + thread:get("created")
                    for status, count in pairs(thread:get("statuses")) do
                      out:write(string.format("status %d %d\\n", status, count))
                    end
                  end
                  out:write(string.format("sent %d\\ncreated %d\\nduration_us %d\\n", total_sent, total_created, summary.duration))
                  out:write(string.format("p50_us %d\\np99_us %d\\n", latency:percentile(50), latency:percentile(99)))
                  out:close()
                end
                """);
        return lua.toString();
    }

    private static String quoted(String text) {
        return "\"" + WrkCeiling.escaped(text) + "\"";
    }
}
