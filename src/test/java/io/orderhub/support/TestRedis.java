package io.orderhub.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The real Redis on 127.0.0.1:6379 that CI starts. Tests use their own logical database so they never
 * touch anything else kept there, and empty it before each hub they start.
 */
public final class TestRedis {

    /** Database 11 unless ORDERHUB_TEST_REDIS_DB says otherwise (two checkouts testing at once). */
    public static final int DATABASE = Integer.parseInt(System.getenv().getOrDefault("ORDERHUB_TEST_REDIS_DB", "11"));
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 6379;

    private TestRedis() {
    }

    public static void flush() {
        run(RedisCommands::flushdb);
    }

    public static <T> T run(java.util.function.Function<RedisCommands<String, String>, T> command) {
        RedisClient client = RedisClient.create("redis://" + HOST + ":" + PORT + "/" + DATABASE);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return command.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
