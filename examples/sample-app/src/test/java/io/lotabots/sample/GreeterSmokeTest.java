package io.lotabots.sample;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The critical path, as the hotfix and security-first scenarios run it first (TestBot's smoke scope).
 */
class GreeterSmokeTest {
    @Test
    void shouldGreet() {
        assertEquals("Hello, world!", Greeter.greet(null));
    }
}
