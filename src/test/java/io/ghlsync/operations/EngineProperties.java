package io.ghlsync.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The Camel properties of an engine under test (over application.properties), added to layer by layer as
 * {@code settings()} is: {@code super.engineProperties().with("cliengo.poll.enabled", "true")}.
 */
public final class EngineProperties {

    private final Map<String, String> values;

    private EngineProperties(Map<String, String> values) {
        this.values = values;
    }

    static EngineProperties none() {
        return new EngineProperties(Map.of());
    }

    /** These properties with {@code key} set to {@code value} (over what an earlier layer set it to). */
    public EngineProperties with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(values);
        more.put(key, value);
        return new EngineProperties(more);
    }

    /** A fresh copy for camel-main, which a test may still add to. */
    Properties toProperties() {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }
}
