package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and compiles one mapping file (YAML, format in docs/mappings.md). Everything is checked here, once: unknown
 * keys, transform names and arguments, lookup references, JSONata syntax, source and target paths, and — for GHL
 * targets — that every target field exists in the operation's request schema and every field the schema requires is
 * written. Any problem is a {@link MappingLoadException} naming the file, the line and the reason.
 */
public final class MappingLoader {

    static final long MAX_FILE_SIZE = 1024 * 1024;

    private static final Set<String> TOP_KEYS = Set.of("mapping", "description", "source", "target", "operation", "needs",
            "guarantees", "settings", "lookups", "fields", "customFields", "rules");
    private static final Set<String> FIELD_KEYS = Set.of("from", "collect", "value", "expression", "transforms", "default",
            "required", "format", "allowed", "maxLength", "type", "description");
    private static final Set<String> SETTINGS_KEYS = Set.of("region", "zone", "datePatterns", "maxStringLength", "maxItems");
    private static final Set<String> RULE_KEYS = Set.of("atLeastOne", "reason");

    private final GhlRequestSchemas schemas;

    public MappingLoader(GhlRequestSchemas schemas) {
        this.schemas = schemas;
    }

    /** The mapping name a file defines: its name without {@code .yaml}/{@code .yml}. */
    public static String nameOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public Mapping load(Path file) throws MappingLoadException {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new MappingLoadException(file, 1, "the file is larger than " + MAX_FILE_SIZE + " bytes");
            }
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new MappingLoadException(file, 1, "the file is not UTF-8 text");
        } catch (IOException e) {
            throw new MappingLoadException(file, 1, "cannot read the file: " + e);
        }
        return compile(file, text);
    }

    /** Compiles mapping text as if it were the given file (whose name is the mapping's name). */
    public Mapping compile(Path file, String text) throws MappingLoadException {
        YamlTree tree;
        try {
            tree = YamlTree.parse(text);
        } catch (YamlTree.SyntaxProblem e) {
            throw new MappingLoadException(file, e.line, e.getMessage());
        }
        try {
            return new Compiler(file, tree).compile();
        } catch (Problem problem) {
            throw new MappingLoadException(file, tree.line(problem.pointer), problem.getMessage());
        }
    }

    /** A problem at a place in the file (a JSON pointer into the YAML tree); becomes a file:line message. */
    private static final class Problem extends Exception {
        final String pointer;

        Problem(String pointer, String reason) {
            super(reason, null, false, false);
            this.pointer = pointer;
        }
    }

    private final class Compiler {

        private final Path file;
        private final YamlTree tree;
        private final JsonNode root;
        private MappingSettings settings = MappingSettings.defaults();
        private final Map<String, LookupTable> lookups = new LinkedHashMap<>();

        Compiler(Path file, YamlTree tree) {
            this.file = file;
            this.tree = tree;
            this.root = tree.root();
        }

        Mapping compile() throws Problem {
            if (!root.isObject()) {
                throw new Problem("", "a mapping file is a YAML map with 'mapping:', 'fields:' and the header keys");
            }
            onlyKeys("", root, TOP_KEYS, "a mapping file");
            String name = requiredText("", "mapping");
            String expected = nameOf(file);
            if (!name.equals(expected)) {
                throw new Problem("/mapping", "the mapping is named '" + name + "' but its file is " + file.getFileName()
                        + "; name and file must match (" + expected + ")");
            }
            String operation = optionalText("", "operation");
            GhlRequestSchemas.Schema schema = null;
            if (operation != null) {
                schema = schemas.forOperation(operation).orElseThrow(() -> new Problem("/operation", "no request schema for GHL "
                        + "operation '" + operation + "'; known: " + String.join(", ", schemas.operations())));
            }
            MappingHeader header = new MappingHeader(name, requiredText("", "description"), requiredText("", "source"),
                    requiredText("", "target"), operation, texts("/needs"), texts("/guarantees"), file);
            settings();
            lookups();

            JsonNode fieldsNode = root.get("fields");
            if (fieldsNode == null || !fieldsNode.isObject() || fieldsNode.isEmpty()) {
                throw new Problem("/fields", "'fields:' must map each target field to its rule");
            }
            List<Mapping.TargetedRule> fields = new ArrayList<>();
            List<String> written = new ArrayList<>();
            for (var entry : fieldsNode.properties()) {
                String pointer = YamlTree.child("/fields", entry.getKey());
                TargetPath target;
                try {
                    target = TargetPath.parse(entry.getKey());
                } catch (IllegalArgumentException e) {
                    throw new Problem(pointer, e.getMessage());
                }
                for (Mapping.TargetedRule other : fields) {
                    if (other.path().overlaps(target)) {
                        throw new Problem(pointer, "target '" + target + "' overlaps target '" + other.path() + "'");
                    }
                }
                if (schema != null && !schema.properties().contains(target.topLevel())) {
                    throw new Problem(pointer, "'" + target.topLevel() + "' is not a field of the " + operation
                            + " request (it has: " + String.join(", ", schema.properties()) + ")");
                }
                if (schema != null && "customFields".equals(target.topLevel())) {
                    throw new Problem(pointer, "write GHL custom fields in the 'customFields:' block, by key");
                }
                fields.add(new Mapping.TargetedRule(target, rule(target.toString(), entry.getValue(), pointer)));
                written.add(target.topLevel());
            }

            List<Mapping.CustomFieldRule> customFields = new ArrayList<>();
            JsonNode custom = root.get("customFields");
            if (custom != null) {
                if (schema == null || !schema.properties().contains("customFields")) {
                    throw new Problem("/customFields", "'customFields:' writes GHL custom fields by key; it needs an "
                            + "'operation:' whose request has customFields (upsert-contact, update-contact)");
                }
                if (!custom.isObject() || custom.isEmpty()) {
                    throw new Problem("/customFields", "'customFields:' maps each custom field key to its rule");
                }
                for (var entry : custom.properties()) {
                    String pointer = YamlTree.child("/customFields", entry.getKey());
                    customFields.add(new Mapping.CustomFieldRule(entry.getKey(),
                            rule("customFields." + entry.getKey(), entry.getValue(), pointer)));
                }
                written.add("customFields");
            }

            if (schema != null) {
                for (String required : schema.required()) {
                    if (!written.contains(required)) {
                        throw new Problem("/fields", "the " + operation + " request requires '" + required
                                + "', but no field rule writes it");
                    }
                }
            }
            return new Mapping(header, settings, fields, customFields, rules(fields, customFields), schema);
        }

        private void settings() throws Problem {
            JsonNode node = root.get("settings");
            if (node == null) {
                return;
            }
            if (!node.isObject()) {
                throw new Problem("/settings", "'settings:' is a map (region, zone, datePatterns, maxStringLength, maxItems)");
            }
            onlyKeys("/settings", node, SETTINGS_KEYS, "settings");
            String region = optionalText("/settings", "region");
            if (region != null) {
                try {
                    PhoneTransform.forRegion(region);
                } catch (IllegalArgumentException e) {
                    throw new Problem("/settings/region", e.getMessage());
                }
            } else if (node.has("region")) {
                throw new Problem("/settings/region", "region must be text such as AR (quote 'NO': YAML reads it as false)");
            }
            ZoneId zone = null;
            String zoneText = optionalText("/settings", "zone");
            if (zoneText != null) {
                zone = guard("/settings/zone", () -> Transforms.zone(zoneText));
            }
            List<String> patternText = node.has("datePatterns")
                    ? guard("/settings/datePatterns", () -> Transforms.textList("datePatterns", node.get("datePatterns")))
                    : List.of();
            List<DateTimeFormatter> patterns = guard("/settings/datePatterns", () -> Transforms.patterns(patternText));
            int maxString = positive("/settings/maxStringLength", node.get("maxStringLength"), MappingSettings.DEFAULT_MAX_STRING_LENGTH);
            int maxItems = positive("/settings/maxItems", node.get("maxItems"), MappingSettings.DEFAULT_MAX_ITEMS);
            settings = new MappingSettings(region, zone, patterns, patternText, maxString, maxItems);
        }

        private void lookups() throws Problem {
            JsonNode node = root.get("lookups");
            if (node == null) {
                return;
            }
            if (!node.isObject()) {
                throw new Problem("/lookups", "'lookups:' maps each table name to {values: ..., unknown: ...}");
            }
            for (var entry : node.properties()) {
                String pointer = YamlTree.child("/lookups", entry.getKey());
                lookups.put(entry.getKey(), guard(pointer, () -> Transforms.lookupTable(entry.getKey(), entry.getValue())));
            }
        }

        private List<RecordRule> rules(List<Mapping.TargetedRule> fields, List<Mapping.CustomFieldRule> customFields) throws Problem {
            JsonNode node = root.get("rules");
            List<RecordRule> rules = new ArrayList<>();
            if (node == null) {
                return rules;
            }
            if (!node.isArray()) {
                throw new Problem("/rules", "'rules:' is a list, e.g. - atLeastOne: [email, phone]");
            }
            for (int i = 0; i < node.size(); i++) {
                String pointer = YamlTree.child("/rules", i);
                JsonNode rule = node.get(i);
                if (!rule.isObject() || !rule.has("atLeastOne")) {
                    throw new Problem(pointer, "a rule is {atLeastOne: [target fields], reason: ...}");
                }
                onlyKeys(pointer, rule, RULE_KEYS, "a rule");
                List<String> targets = guard(pointer + "/atLeastOne", () -> Transforms.textList("atLeastOne", rule.get("atLeastOne")));
                if (targets.size() < 2) {
                    throw new Problem(pointer + "/atLeastOne", "atLeastOne needs two or more target fields (for one, write required: true)");
                }
                for (String target : targets) {
                    boolean known = fields.stream().anyMatch(f -> f.path().toString().equals(target))
                            || customFields.stream().anyMatch(f -> ("customFields." + f.key()).equals(target));
                    if (!known) {
                        throw new Problem(pointer + "/atLeastOne", "atLeastOne names '" + target + "', which no field rule writes");
                    }
                }
                rules.add(new RecordRule(targets, optionalText(pointer, "reason")));
            }
            return rules;
        }

        private FieldRule rule(String target, JsonNode spec, String pointer) throws Problem {
            if (spec.isTextual()) {
                return new FieldRule(target, FieldRule.Kind.PATHS, List.of(path(spec.textValue(), pointer)), null, null,
                        List.of(), null, false, FieldChecks.NONE);
            }
            if (!spec.isObject()) {
                throw new Problem(pointer, "a field rule is a source path (text) or a map with from/collect/value/expression;"
                        + " for a constant write {value: ...}");
            }
            onlyKeys(pointer, spec, FIELD_KEYS, "a field rule");
            List<String> sources = spec.properties().stream().map(Map.Entry::getKey)
                    .filter(Set.of("from", "collect", "value", "expression")::contains).toList();
            if (sources.size() != 1) {
                throw new Problem(pointer, "a field rule needs exactly one of from, collect, value, expression"
                        + (sources.isEmpty() ? "" : " (it has " + String.join(", ", sources) + ")"));
            }
            String source = sources.get(0);
            String sourcePointer = YamlTree.child(pointer, source);
            JsonNode sourceSpec = spec.get(source);
            FieldRule.Kind kind;
            List<SourcePath> paths = new ArrayList<>();
            JsonNode constant = null;
            JsonataExpression expression = null;
            switch (source) {
                case "from" -> {
                    kind = FieldRule.Kind.PATHS;
                    paths = paths(sourceSpec, sourcePointer, false);
                }
                case "collect" -> {
                    kind = FieldRule.Kind.COLLECT;
                    paths = paths(sourceSpec, sourcePointer, true);
                }
                case "value" -> {
                    kind = FieldRule.Kind.CONSTANT;
                    if (sourceSpec.isNull()) {
                        throw new Problem(sourcePointer, "value: null would send nothing; leave the field out instead");
                    }
                    constant = sourceSpec;
                }
                default -> {
                    kind = FieldRule.Kind.EXPRESSION;
                    if (!sourceSpec.isTextual()) {
                        throw new Problem(sourcePointer, "expression is JSONata text");
                    }
                    expression = guard(sourcePointer, () -> JsonataExpression.compile(sourceSpec.textValue()));
                }
            }
            List<Transform> transforms = transforms(spec.get("transforms"), YamlTree.child(pointer, "transforms"));
            JsonNode required = spec.get("required");
            if (required != null && !required.isBoolean()) {
                throw new Problem(YamlTree.child(pointer, "required"), "required is true or false");
            }
            JsonNode defaultValue = spec.get("default");
            if (defaultValue != null && defaultValue.isNull()) {
                throw new Problem(YamlTree.child(pointer, "default"), "default: null would send nothing; leave it out");
            }
            return new FieldRule(target, kind, paths, constant, expression, transforms, defaultValue,
                    required != null && required.booleanValue(), checks(spec, pointer));
        }

        private FieldChecks checks(JsonNode spec, String pointer) throws Problem {
            String type = optionalText(pointer, "type");
            if (type != null && !FieldChecks.TYPES.contains(type)) {
                throw new Problem(YamlTree.child(pointer, "type"), "type is one of " + String.join(", ", FieldChecks.TYPES));
            }
            Formats format = null;
            String formatText = optionalText(pointer, "format");
            if (formatText != null) {
                format = Formats.byName(formatText);
                if (format == null) {
                    throw new Problem(YamlTree.child(pointer, "format"), "format is one of " + Formats.names());
                }
            }
            Set<String> allowed = null;
            if (spec.has("allowed")) {
                String at = YamlTree.child(pointer, "allowed");
                allowed = new java.util.LinkedHashSet<>(guard(at, () -> Transforms.textList("allowed", spec.get("allowed"))));
            }
            int maxLength = spec.has("maxLength") ? positive(YamlTree.child(pointer, "maxLength"), spec.get("maxLength"), 0) : 0;
            if (type == null && format == null && allowed == null && maxLength == 0) {
                return FieldChecks.NONE;
            }
            return new FieldChecks(type, format, allowed, maxLength);
        }

        private List<SourcePath> paths(JsonNode spec, String pointer, boolean collect) throws Problem {
            List<SourcePath> paths = new ArrayList<>();
            if (spec.isTextual() && !collect) {
                paths.add(path(spec.textValue(), pointer));
            } else if (spec.isArray() && !spec.isEmpty()) {
                for (int i = 0; i < spec.size(); i++) {
                    String at = YamlTree.child(pointer, i);
                    if (!spec.get(i).isTextual()) {
                        throw new Problem(at, "a source path is text");
                    }
                    paths.add(path(spec.get(i).textValue(), at));
                }
            } else {
                throw new Problem(pointer, collect ? "collect takes a list of source paths"
                        : "from takes a source path or a list of fallbacks, first with a value wins");
            }
            return paths;
        }

        private SourcePath path(String text, String pointer) throws Problem {
            return guard(pointer, () -> SourcePath.parse(text));
        }

        private List<Transform> transforms(JsonNode spec, String pointer) throws Problem {
            List<Transform> transforms = new ArrayList<>();
            if (spec == null) {
                return transforms;
            }
            JsonNode list = spec.isArray() ? spec : Json.MAPPER.createArrayNode().add(spec);
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                String at = spec.isArray() ? YamlTree.child(pointer, i) : pointer;
                String name;
                JsonNode args;
                if (item.isTextual()) {
                    name = item.textValue();
                    args = null;
                } else if (item.isObject() && item.size() == 1) {
                    var entry = item.properties().iterator().next();
                    name = entry.getKey();
                    args = entry.getValue();
                } else {
                    throw new Problem(at, "a transform is a name (- trim) or a one-key map of name to arguments (- phone: {region: AR})");
                }
                transforms.add(guard(at, () -> Transforms.compile(name, args, settings, lookups)));
            }
            return transforms;
        }

        private List<String> texts(String pointer) throws Problem {
            JsonNode node = root.at(pointer);
            if (node.isMissingNode()) {
                return List.of();
            }
            if (node.isTextual()) {
                return List.of(node.textValue());
            }
            return guard(pointer, () -> Transforms.textList(pointer.substring(1), node));
        }

        private String requiredText(String pointer, String key) throws Problem {
            String value = optionalText(pointer, key);
            if (value == null || value.isBlank()) {
                throw new Problem(pointer, "'" + key + ":' is required in " + (pointer.isEmpty() ? "the header" : pointer));
            }
            return value;
        }

        private String optionalText(String pointer, String key) throws Problem {
            JsonNode parent = pointer.isEmpty() ? root : root.at(pointer);
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                throw new Problem(YamlTree.child(pointer, key), "'" + key + "' must be text, not " + Json.describe(node)
                        + (node.isBoolean() ? " (YAML reads yes/no/on/off/NO as booleans: quote it)" : ""));
            }
            return node.textValue();
        }

        private int positive(String pointer, JsonNode node, int fallback) throws Problem {
            if (node == null) {
                return fallback;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() <= 0) {
                throw new Problem(pointer, "must be a positive whole number");
            }
            return node.intValue();
        }

        private void onlyKeys(String pointer, JsonNode node, Set<String> keys, String what) throws Problem {
            for (var entry : node.properties()) {
                if (!keys.contains(entry.getKey())) {
                    throw new Problem(YamlTree.child(pointer, entry.getKey()), "unknown key '" + entry.getKey() + "' in "
                            + what + "; known keys: " + String.join(", ", keys.stream().sorted().toList()));
                }
            }
        }

        private <T> T guard(String pointer, java.util.function.Supplier<T> step) throws Problem {
            try {
                return step.get();
            } catch (IllegalArgumentException e) {
                throw new Problem(pointer, e.getMessage());
            }
        }
    }
}
