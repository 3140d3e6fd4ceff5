package io.lotabots.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Turns plain data (text, numbers, booleans, lists and maps with text keys) into JSON without calling anything on
 * the values but what makes them plain: no getters, no serializers. A Pipeline script can hand any object to a step
 * ({@code currentBuild}, {@code env}, {@code this}); reflecting over it, as a general JSON mapper does, would call its
 * public getters outside the script sandbox. Only the JDK's own classes are accepted, by exact class (a script can
 * subclass {@code LinkedHashMap} or {@code BigDecimal} and override what a walk would call), so that no code of the
 * caller runs. Anything else is refused with its path and its class.
 */
final class PlainData {
    /** The most values (of any kind, nested ones included) one conversion accepts. */
    static final int MAX_VALUES = 10_000;

    private final int maxDepth;
    private int values;

    private PlainData(final int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /**
     * Converts a map of plain data into a JSON object.
     *
     * @param name the name of the whole value in messages, for example {@code payload}
     * @param map the map
     * @param maxDepth how deep lists and maps may nest
     * @return the JSON object
     * @throws IllegalArgumentException naming the path of the first value that is not plain, or the limit exceeded
     */
    static ObjectNode toObject(final String name, final Map<?, ?> map, final int maxDepth) {
        return (ObjectNode) new PlainData(maxDepth).convert(name, map, 0);
    }

    private JsonNode convert(final String path, @CheckForNull final Object value, final int depth) {
        if (++values > MAX_VALUES) {
            throw new IllegalArgumentException(
                    "'" + path + "' is too large: a payload holds at most " + MAX_VALUES + " values");
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof String text) {
            return nodes.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return nodes.booleanNode(bool);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return nodes.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw new IllegalArgumentException("'" + path + "' is " + number + ", which JSON cannot hold");
            }
            return nodes.numberNode(number);
        }
        if (value.getClass() == BigDecimal.class) {
            return nodes.numberNode((BigDecimal) value);
        }
        if (value.getClass() == BigInteger.class) {
            return nodes.numberNode((BigInteger) value);
        }
        boolean jdk = value.getClass().getName().startsWith("java.util.");
        boolean map = jdk && value instanceof Map;
        boolean list = jdk && value instanceof Collection;
        boolean array = value.getClass() == Object[].class || value.getClass() == String[].class;
        if (depth >= maxDepth && (map || list || array)) {
            throw new IllegalArgumentException("'" + path + "' nests deeper than " + maxDepth + " levels");
        }
        if (map) {
            ObjectNode object = nodes.objectNode();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("'" + path + "' has a key of type " + typeOf(entry.getKey())
                            + "; the keys of a payload map are text");
                }
                object.set(key, convert(path + "." + key, entry.getValue(), depth + 1));
            }
            return object;
        }
        if (list) {
            ArrayNode node = nodes.arrayNode();
            int index = 0;
            for (Object element : (Collection<?>) value) {
                node.add(convert(path + "[" + index++ + "]", element, depth + 1));
            }
            return node;
        }
        if (array) {
            Object[] elements = (Object[]) value;
            ArrayNode node = nodes.arrayNode();
            for (int index = 0; index < elements.length; index++) {
                node.add(convert(path + "[" + index + "]", elements[index], depth + 1));
            }
            return node;
        }
        throw new IllegalArgumentException("'" + path + "' is a " + typeOf(value)
                + "; a payload holds only text, numbers, booleans, lists and maps. Pass the value you need, for"
                + " example currentBuild.number instead of currentBuild");
    }

    private static String typeOf(@CheckForNull final Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
