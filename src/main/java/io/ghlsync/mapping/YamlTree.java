package io.ghlsync.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read into Jackson nodes, remembering the line of every node (by JSON pointer), so that problems
 * found while compiling a mapping can name the line. Duplicate keys, which YAML parsers usually resolve silently by
 * keeping the last one, are refused.
 */
final class YamlTree {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A YAML document that cannot be read, with the line where reading stopped. */
    static final class SyntaxProblem extends Exception {
        final int line;

        SyntaxProblem(int line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }
    }

    private final Map<String, Integer> lines = new HashMap<>();
    private JsonNode root;

    private YamlTree() {
    }

    static YamlTree parse(String text) throws SyntaxProblem {
        YamlTree tree = new YamlTree();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SyntaxProblem(1, "the file is empty");
            }
            tree.root = tree.read(parser, "");
            if (parser.nextToken() != null) {
                throw new SyntaxProblem(line(parser), "one mapping per file: a second YAML document starts here");
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new SyntaxProblem(line, "not valid YAML: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SyntaxProblem(1, "cannot read: " + e.getMessage());
        }
        return tree;
    }

    JsonNode root() {
        return root;
    }

    /** The line of the node at this JSON pointer, or of its closest parent that has one. */
    int line(String pointer) {
        String path = pointer;
        while (true) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
            if (path.isEmpty()) {
                return 1;
            }
            path = path.substring(0, path.lastIndexOf('/'));
        }
    }

    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    private JsonNode read(JsonParser parser, String pointer) throws IOException, SyntaxProblem {
        lines.putIfAbsent(pointer, line(parser));
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String childPointer = child(pointer, name);
                    if (object.has(name)) {
                        throw new SyntaxProblem(line(parser), "the key '" + name + "' appears twice (first on line "
                                + lines.get(childPointer) + ")");
                    }
                    lines.put(childPointer, line(parser));
                    parser.nextToken();
                    object.set(name, read(parser, childPointer));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, child(pointer, index++)));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new SyntaxProblem(line(parser), "unsupported YAML content (" + token + ")");
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\n\\s*", " ").strip();
    }
}
