package io.jenkins.plugins.lotabots;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.beans.Introspector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Reads the option values of a step or recorder generically: every public {@link DataBoundSetter} with a value
 * (read through its getter) is an option of the engine bot with the same name. Steps and recorders therefore only
 * declare their fields; none of them converts or validates anything, which the engine's descriptor does.
 *
 * <p>It also normalises what a configuration form sends: an empty text box is "not given", and a list is written
 * one value per line in a text area.</p>
 */
@Restricted(NoExternalUse.class)
public final class BotOptionValues {
    private BotOptionValues() {
    }

    /**
     * Returns the options given to a step or recorder.
     *
     * @param describable the step or recorder
     * @return option name to value, sorted by name; options without a value are left out
     */
    public static Map<String, Object> of(final Object describable) {
        Map<String, Object> values = new TreeMap<>();
        for (Method setter : describable.getClass().getMethods()) {
            if (!setter.isAnnotationPresent(DataBoundSetter.class) || setter.getParameterCount() != 1
                    || !setter.getName().startsWith("set") || Modifier.isStatic(setter.getModifiers())) {
                continue;
            }
            String name = Introspector.decapitalize(setter.getName().substring(3));
            Object value = read(describable, setter.getName().substring(3));
            if (value instanceof Collection<?> collection) {
                value = new ArrayList<>(collection);
            }
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    @CheckForNull
    private static Object read(final Object describable, final String property) {
        for (String prefix : List.of("get", "is")) {
            try {
                Method getter = describable.getClass().getMethod(prefix + property);
                return getter.invoke(describable);
            }
            catch (NoSuchMethodException e) {
                // try the next prefix
            }
            catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read option " + property + " of " + describable, e);
            }
        }
        throw new IllegalStateException(describable.getClass().getName() + " has a setter but no getter for "
                + property);
    }

    /**
     * Normalises a text option: blank means not given.
     *
     * @param value the value as given
     * @return the trimmed value, or {@code null} if blank
     */
    @CheckForNull
    public static String text(@CheckForNull final String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    /**
     * Normalises a list option. A Pipeline gives a list of values, kept as it is (an empty list stays empty, which
     * overrides a default); a form gives the text of a text area, one value per line, where blank lines are dropped
     * and an empty area means not given.
     *
     * @param value the value as given
     * @return the values, or {@code null} if not given
     */
    @CheckForNull
    public static List<String> lines(@CheckForNull final List<String> value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            return new ArrayList<>();
        }
        List<String> lines = new ArrayList<>();
        for (Object element : value) {
            for (String line : String.valueOf(element).split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
            }
        }
        return lines.isEmpty() ? null : lines;
    }

    /**
     * Joins a list option for a text area, one value per line.
     *
     * @param value the values
     * @return the text, empty for none
     */
    public static String join(@CheckForNull final List<String> value) {
        return value == null ? "" : String.join("\n", value);
    }

    /**
     * Returns a boolean option as a step keeps it: {@code null} when it is the engine's default, so that a form's
     * checkbox, which always sends a value, does not put {@code newOnly: false} into every generated snippet, and the
     * step reads as the user wrote it.
     *
     * @param option the engine's option
     * @param value the value given
     * @return the value, or {@code null} when it is the default
     */
    @CheckForNull
    public static Boolean unlessDefault(final io.lotabots.bot.BotOption<Boolean> option,
            @CheckForNull final Boolean value) {
        return value == null || value.equals(option.getDefaultValue().orElse(null)) ? null : value;
    }
}
