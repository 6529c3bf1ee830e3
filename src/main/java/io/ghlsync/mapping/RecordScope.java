package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

/** What one record's mapping run shares between field rules: the record, the context, and which source fed which target. */
final class RecordScope {

    private final JsonNode record;
    private final MappingContext context;
    private Object plainRecord;
    private Map<String, String> sources;

    RecordScope(JsonNode record, MappingContext context) {
        this.record = record;
        this.context = context;
    }

    JsonNode record() {
        return record;
    }

    MappingContext context() {
        return context;
    }

    /** The record as plain maps and lists, for JSONata; converted at most once per record, only if an expression runs. */
    Object plainRecord() {
        if (plainRecord == null) {
            plainRecord = Json.MAPPER.convertValue(record, Object.class);
        }
        return plainRecord;
    }

    void sourceOf(String target, String source) {
        if (source != null) {
            if (sources == null) {
                sources = new HashMap<>();
            }
            sources.put(target, source);
        }
    }

    /** The source path that fed a target path (or its closest parent), for errors found after mapping. */
    String sourceOf(String target) {
        if (sources == null) {
            return null;
        }
        String path = target;
        while (true) {
            String source = sources.get(path);
            if (source != null) {
                return source;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            if (cut <= 0) {
                return null;
            }
            path = path.substring(0, cut);
        }
    }
}
