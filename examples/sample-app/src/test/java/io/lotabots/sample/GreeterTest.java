package io.lotabots.sample;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GreeterTest {
    @Test
    void shouldGreetByName() {
        assertEquals("Hello, Ada!", Greeter.greet("Ada"));
    }

    @Test
    void shouldGreetTheWorldWhenNameIsBlank() {
        assertEquals("Hello, world!", Greeter.greet(" "));
    }

    @Test
    void shouldDropMarkupFromNames() {
        assertEquals("Hello, scriptalert1script!", Greeter.greet("<script>alert(1)</script>"));
    }
}
