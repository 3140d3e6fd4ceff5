package io.lotabots.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The payload of a Pipeline {@code botMessage}: plain data only, and nothing of a caller's object is called.
 */
class PlainDataTest {
    private static final MessageCodec CODEC = MessageCodec.get();

    @Test
    void shouldConvertTextNumbersBooleansListsAndMaps() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("version", "1.2.0");
        payload.put("build", 42);
        payload.put("coverage", 87.5);
        payload.put("big", new BigDecimal("12345678901234567890.5"));
        payload.put("ok", true);
        payload.put("none", null);
        payload.put("tags", List.of("a", "b"));
        payload.put("nested", Map.of("x", new ArrayList<>(List.of(1L, 2L))));
        payload.put("array", new String[] {"p", "q"});

        ObjectNode json = CODEC.toObject(payload);

        assertThat(json.toString()).isEqualTo("{\"version\":\"1.2.0\",\"build\":42,\"coverage\":87.5,"
                + "\"big\":12345678901234567890.5,\"ok\":true,\"none\":null,\"tags\":[\"a\",\"b\"],"
                + "\"nested\":{\"x\":[1,2]},\"array\":[\"p\",\"q\"]}");
    }

    @Test
    void shouldRefuseAnObjectWithGettersWithoutCallingThem() {
        AtomicInteger calls = new AtomicInteger();
        Object build = new Object() {
            @SuppressWarnings("unused")
            public String getSecret() {
                calls.incrementAndGet();
                return "s3cr3t";
            }

            @Override
            public String toString() {
                calls.incrementAndGet();
                return "build";
            }
        };
        Map<String, Object> payload = Map.of("outer", Map.of("build", build));

        assertThatIllegalArgumentException().isThrownBy(() -> CODEC.toObject(payload))
                .withMessageContaining("'payload.outer.build' is a ")
                .withMessageContaining("only text, numbers, booleans, lists and maps");
        assertThat(calls).hasValue(0);
    }

    @Test
    void shouldRefuseSubclassesOfJdkTypesThatCouldRunCode() {
        AtomicInteger calls = new AtomicInteger();
        Map<String, Object> evilMap = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.util.Set<Map.Entry<String, Object>> entrySet() {
                calls.incrementAndGet();
                return super.entrySet();
            }
        };
        BigDecimal evilNumber = new BigDecimal("1") {
            private static final long serialVersionUID = 1L;

            @Override
            public String toString() {
                calls.incrementAndGet();
                return "1";
            }
        };

        assertThatIllegalArgumentException().isThrownBy(() -> CODEC.toObject(Map.of("m", evilMap)))
                .withMessageContaining("'payload.m' is a ");
        assertThatIllegalArgumentException().isThrownBy(() -> CODEC.toObject(Map.of("n", evilNumber)))
                .withMessageContaining("'payload.n' is a ");
        assertThat(calls).hasValue(0);
    }

    @Test
    void shouldRefuseKeysThatAreNotTextAndNumbersJsonCannotHold() {
        Map<Object, Object> numericKeys = new LinkedHashMap<>();
        numericKeys.put(1, "one");

        assertThatIllegalArgumentException().isThrownBy(() -> CODEC.toObject(Map.of("k", numericKeys)))
                .withMessageContaining("'payload.k' has a key of type java.lang.Integer");
        assertThatIllegalArgumentException().isThrownBy(() -> CODEC.toObject(Map.of("nan", Double.NaN)))
                .withMessageContaining("'payload.nan' is NaN");
    }

    @Test
    void shouldRefuseDeepNestingAndHugePayloads() {
        Object deep = "leaf";
        for (int i = 0; i < MessageCodec.MAX_NESTING_DEPTH + 5; i++) {
            deep = new ArrayList<>(List.of(deep));
        }
        Map<String, Object> deepPayload = Map.of("deep", deep);
        List<Integer> huge = new ArrayList<>();
        for (int i = 0; i < PlainData.MAX_VALUES + 1; i++) {
            huge.add(i);
        }
        Map<String, Object> hugePayload = Map.of("huge", huge);

        assertThatIllegalArgumentException().isThrownBy(() -> CODEC.toObject(deepPayload))
                .withMessageContaining("nests deeper than " + MessageCodec.MAX_NESTING_DEPTH);
        assertThatIllegalArgumentException().isThrownBy(() -> CODEC.toObject(hugePayload))
                .withMessageContaining("is too large");
    }

    @Test
    void shouldRefuseAListThatContainsItself() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);

        assertThatIllegalArgumentException().isThrownBy(() -> CODEC.toObject(Map.of("loop", loop)))
                .withMessageContaining("nests deeper than");
    }
}
