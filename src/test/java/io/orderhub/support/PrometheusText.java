package io.orderhub.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A scraped Prometheus text page, queried by metric name and label subset. */
public final class PrometheusText {

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();

    public PrometheusText(String page) {
        for (String line : page.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            double value = Double.parseDouble(line.substring(space + 1));
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            Map<String, String> labels = new HashMap<>();
            if (brace >= 0) {
                for (String pair : series.substring(brace + 1, series.length() - 1).split("\",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        labels.put(pair.substring(0, eq), pair.substring(eq + 2).replace("\"", ""));
                    }
                }
            }
            samples.add(new Sample(name, labels, value));
        }
    }

    public double sum(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> labels.entrySet().stream().allMatch(l -> l.getValue().equals(s.labels().get(l.getKey()))))
                .mapToDouble(Sample::value).sum();
    }

    /** The samples of {@code name}, summed by the value of one label ({@code command}, say). */
    public Map<String, Double> sumBy(String name, Map<String, String> labels, String label) {
        Map<String, Double> sums = new TreeMap<>();
        samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> labels.entrySet().stream().allMatch(l -> l.getValue().equals(s.labels().get(l.getKey()))))
                .forEach(s -> sums.merge(String.valueOf(s.labels().get(label)), s.value(), Double::sum));
        return sums;
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
