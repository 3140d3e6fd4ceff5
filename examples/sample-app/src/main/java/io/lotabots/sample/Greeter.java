package io.lotabots.sample;

/**
 * Builds greetings.
 */
public final class Greeter {
    private Greeter() {
    }

    /**
     * Greets someone; blank names are greeted as "world".
     *
     * @param name the name
     * @return the greeting
     */
    public static String greet(final String name) {
        String shown = name == null || name.isBlank() ? "world" : name.replaceAll("[^A-Za-z0-9 _-]", "");
        return "Hello, " + shown + "!";
    }
}
