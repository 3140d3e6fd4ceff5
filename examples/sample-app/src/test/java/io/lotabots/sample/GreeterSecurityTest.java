package io.lotabots.sample;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the security-first scenario's security suite runs (TestBot's security scope): no markup or quotes from a
 * name reach the greeting.
 */
class GreeterSecurityTest {
    @Test
    void shouldDropQuotesAndAngleBracketsFromNames() {
        assertEquals("Hello, img srcx onerroralert1!", Greeter.greet("<img src=\"x\" onerror='alert(1)'>"));
    }
}
