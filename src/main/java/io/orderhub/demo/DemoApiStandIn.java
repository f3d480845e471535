package io.orderhub.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The platforms' REST APIs as the demo's thin events are hydrated from them: what each demo order's resource says it
 * answers, by platform and path (the query aside), kept for the last orders sent. A newer version of an order replaces
 * its answers, as the platform's API would show the change.
 */
@Component
@Profile("demo")
public class DemoApiStandIn {

    /** Room for the answers of the orders the demo may still redeliver or update, several resources each. */
    private static final int KEPT = 5000;

    private final Map<String, JsonNode> answers = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void serve(String platform, String path, JsonNode answer) {
        String key = key(platform, path);
        answers.remove(key);
        answers.put(key, answer);
    }

    /** What the platform's API answers for the path, if it has it. */
    public synchronized Optional<JsonNode> answer(String platform, String path) {
        return Optional.ofNullable(answers.get(key(platform, path)));
    }

    private static String key(String platform, String path) {
        int query = path.indexOf('?');
        return platform + " " + (query < 0 ? path : path.substring(0, query));
    }
}
