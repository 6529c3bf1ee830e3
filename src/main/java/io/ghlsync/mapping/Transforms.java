package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of named transforms a mapping file can chain, and their compilation from YAML. A chain item is a name
 * ({@code trim}) or a one-key map of name to arguments ({@code {phone: {region: AR}}}, {@code {lookup: lead-status}}).
 * Bad arguments are reported as {@link IllegalArgumentException}s that the loader turns into file:line problems.
 */
final class Transforms {

    static final Set<String> NAMES = Set.of("trim", "squish", "lower", "upper", "title", "string", "split-name", "join",
            "phone", "email", "date", "lookup", "tags", "add", "remove", "default");

    private Transforms() {
    }

    static Transform compile(String name, JsonNode args, MappingSettings settings, Map<String, LookupTable> lookups) {
        Transform text = TextTransforms.of(name);
        if (text != null) {
            noArguments(name, args);
            return text;
        }
        return switch (name) {
            case "split-name" -> NameTransforms.split(text(name, args, null));
            case "join" -> NameTransforms.join(args == null ? " " : text(name, args, null));
            case "phone" -> PhoneTransform.forRegion(args == null ? settings.region()
                    : args.isObject() ? optionalText(name, args.get("region"), settings.region(), Set.of("region"), args)
                    : text(name, args, null));
            case "email" -> {
                noArguments(name, args);
                yield EmailTransform.INSTANCE;
            }
            case "date" -> date(args, settings);
            case "lookup" -> lookup(args, lookups);
            case "tags" -> tags(args);
            case "add" -> TagTransforms.add(textList(name, args));
            case "remove" -> TagTransforms.remove(textList(name, args));
            case "default" -> defaultValue(args);
            default -> throw new IllegalArgumentException("unknown transform '" + name + "'; known: " + String.join(", ", NAMES.stream().sorted().toList()));
        };
    }

    /** A {@code lookups:} entry: {@code {values: {key: value}, unknown: error|keep|omit|{default: v}, caseSensitive: false}}. */
    static LookupTable lookupTable(String name, JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw new IllegalArgumentException("lookup " + name + " must be a map with 'values:'");
        }
        onlyKeys("lookup " + name, spec, Set.of("values", "unknown", "caseSensitive", "description"));
        JsonNode values = spec.get("values");
        if (values == null || !values.isObject() || values.isEmpty()) {
            throw new IllegalArgumentException("lookup " + name + " needs 'values:', a map of source value to target value");
        }
        Map<String, JsonNode> table = new LinkedHashMap<>();
        values.properties().forEach(entry -> table.put(entry.getKey(), entry.getValue()));
        JsonNode caseSensitive = spec.get("caseSensitive");
        if (caseSensitive != null && !caseSensitive.isBoolean()) {
            throw new IllegalArgumentException("lookup " + name + ": caseSensitive must be true or false");
        }
        JsonNode unknown = spec.get("unknown");
        LookupTable.Unknown policy = LookupTable.Unknown.ERROR;
        JsonNode defaultValue = null;
        if (unknown != null) {
            if (unknown.isObject() && unknown.size() == 1 && unknown.has("default")) {
                policy = LookupTable.Unknown.DEFAULT;
                defaultValue = unknown.get("default");
            } else if (unknown.isTextual() && Set.of("error", "keep", "omit").contains(unknown.textValue())) {
                policy = LookupTable.Unknown.valueOf(unknown.textValue().toUpperCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("lookup " + name + ": unknown must be error, keep, omit or {default: value}");
            }
        }
        return new LookupTable(name, table, caseSensitive != null && caseSensitive.booleanValue(), policy, defaultValue);
    }

    private static Transform lookup(JsonNode args, Map<String, LookupTable> lookups) {
        if (args != null && args.isTextual()) {
            LookupTable table = lookups.get(args.textValue());
            if (table == null) {
                throw new IllegalArgumentException("no lookup table '" + args.textValue() + "' in this file's lookups"
                        + (lookups.isEmpty() ? "" : " (it has: " + String.join(", ", lookups.keySet()) + ")"));
            }
            return table;
        }
        if (args != null && args.isObject()) {
            return lookupTable("(inline)", args);
        }
        throw new IllegalArgumentException("lookup takes the name of a table in 'lookups:' or an inline {values: ...}");
    }

    private static Transform date(JsonNode args, MappingSettings settings) {
        ZoneId zone = settings.zone();
        List<DateTimeFormatter> patterns = settings.datePatterns();
        List<String> patternText = settings.datePatternText();
        DateTransform.Output output = DateTransform.Output.INSTANT;
        DateTransform.Epoch epoch = DateTransform.Epoch.NONE;
        if (args != null) {
            if (!args.isObject()) {
                throw new IllegalArgumentException("date takes a map: {zone: ..., patterns: [...], output: instant|offset|date, epoch: millis|seconds}");
            }
            onlyKeys("date", args, Set.of("zone", "patterns", "output", "epoch"));
            if (args.has("zone")) {
                zone = zone(text("date zone", args.get("zone"), null));
            }
            if (args.has("patterns")) {
                patternText = textList("date patterns", args.get("patterns"));
                patterns = patterns(patternText);
            }
            if (args.has("output")) {
                output = switch (text("date output", args.get("output"), null)) {
                    case "instant" -> DateTransform.Output.INSTANT;
                    case "offset" -> DateTransform.Output.OFFSET;
                    case "date" -> DateTransform.Output.DATE;
                    default -> throw new IllegalArgumentException("date output must be instant, offset or date");
                };
            }
            if (args.has("epoch")) {
                epoch = switch (text("date epoch", args.get("epoch"), null)) {
                    case "millis" -> DateTransform.Epoch.MILLIS;
                    case "seconds" -> DateTransform.Epoch.SECONDS;
                    default -> throw new IllegalArgumentException("date epoch must be millis or seconds");
                };
            }
        }
        return new DateTransform(zone, patterns, patternText, output, epoch);
    }

    private static Transform tags(JsonNode args) {
        boolean lower = false;
        String separators = ",;";
        if (args != null) {
            if (!args.isObject()) {
                throw new IllegalArgumentException("tags takes a map: {lower: true, separators: ',;'}");
            }
            onlyKeys("tags", args, Set.of("lower", "separators"));
            if (args.has("lower")) {
                if (!args.get("lower").isBoolean()) {
                    throw new IllegalArgumentException("tags lower must be true or false");
                }
                lower = args.get("lower").booleanValue();
            }
            if (args.has("separators")) {
                separators = text("tags separators", args.get("separators"), null);
            }
        }
        return TagTransforms.tags(lower, separators);
    }

    private static Transform defaultValue(JsonNode args) {
        if (args == null || args.isNull()) {
            throw new IllegalArgumentException("default needs a value: {default: something}");
        }
        return new Transform() {
            @Override
            public JsonNode apply(JsonNode value) {
                return Json.isAbsent(value) ? args : value;
            }

            @Override
            public boolean acceptsAbsent() {
                return true;
            }
        };
    }

    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + id + "' is not a time zone (use a region id such as America/Argentina/Buenos_Aires)");
        }
    }

    static List<DateTimeFormatter> patterns(List<String> patterns) {
        List<DateTimeFormatter> compiled = new ArrayList<>();
        for (String pattern : patterns) {
            try {
                compiled.add(DateTransform.pattern(pattern));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + pattern + "' is not a date pattern: " + e.getMessage());
            }
        }
        return List.copyOf(compiled);
    }

    static List<String> textList(String what, JsonNode args) {
        if (args == null || !args.isArray()) {
            throw new IllegalArgumentException(what + " takes a list, e.g. [a, b]");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode item : args) {
            if (!item.isTextual() && !item.isNumber()) {
                throw new IllegalArgumentException(what + " takes a list of texts; quote values such as 'yes', 'no', 'NO'");
            }
            list.add(item.asText());
        }
        return List.copyOf(list);
    }

    private static String text(String what, JsonNode args, String fallback) {
        if (args == null) {
            if (fallback == null) {
                throw new IllegalArgumentException(what + " needs an argument");
            }
            return fallback;
        }
        if (!args.isTextual()) {
            throw new IllegalArgumentException(what + " takes a text argument, not " + Json.describe(args)
                    + (args.isBoolean() ? " (YAML reads yes/no/on/off/NO as booleans: quote it)" : ""));
        }
        return args.textValue();
    }

    private static String optionalText(String what, JsonNode value, String fallback, Set<String> keys, JsonNode args) {
        onlyKeys(what, args, keys);
        return value == null ? fallback : text(what, value, null);
    }

    private static void noArguments(String name, JsonNode args) {
        if (args != null && !args.isNull()) {
            throw new IllegalArgumentException(name + " takes no arguments; write it as '- " + name + "'");
        }
    }

    static void onlyKeys(String what, JsonNode object, Set<String> keys) {
        object.fieldNames().forEachRemaining(key -> {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(what + " has no option '" + key + "'; it takes: "
                        + String.join(", ", keys.stream().sorted().toList()));
            }
        });
    }
}
