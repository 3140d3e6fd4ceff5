package io.lotabots.message;

import java.util.Locale;

/**
 * Renders the catalogue as the Markdown of {@code docs/messages.md}. A test fails when the committed file differs,
 * so the catalogue and its documentation cannot drift apart.
 */
public final class MessageCatalogDocs {
    /** How to regenerate the file; written into its header. */
    public static final String REGENERATE = "./lotabots message types --format markdown > docs/messages.md";

    private MessageCatalogDocs() {
    }

    /**
     * Renders the catalogue.
     *
     * @return the Markdown
     */
    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("<!-- Generated from the engine's message catalogue. Do not edit; run: ").append(REGENERATE)
                .append(" -->\n");
        md.append("# Message catalogue\n\n");
        md.append("Every message has the envelope below and a payload whose fields depend on its `type`. ")
                .append("Fields not listed are kept as they are (a newer sender may add some), but a listed ")
                .append("field that is missing, of the wrong kind or out of range is rejected with an error ")
                .append("that names the type and the field.\n\n");
        md.append("## Envelope\n\n");
        md.append("| attribute | required | meaning |\n|---|---|---|\n");
        md.append("| `id` | yes | Unique id, set by the bus. |\n");
        md.append("| `specversion` | yes | CloudEvents version, always `1.0`. |\n");
        md.append("| `time` | yes | When the message was published, RFC 3339 in UTC, set by the bus. |\n");
        md.append("| `type` | yes | The message type, one of those below or a custom `area.event` name. |\n");
        md.append("| `source.bot_name` | yes | The bot that sent the message. |\n");
        md.append("| `destination.bot_name` | no | The bot the message is addressed to; none for a broadcast. |\n");
        md.append("| `correlation_id` | no | Ties together every message of a run and the runs it triggers. |\n");
        md.append("| `causation_id` | no | The id of the message that caused this one. |\n");
        md.append("| other text attributes | no | Extension attributes, for example `stage` (the Pipeline ")
                .append("stage that emitted the message). |\n");
        md.append("| `payload` | yes | A JSON object; its fields are listed per type below. |\n\n");
        md.append("A message's JSON form is at most ").append(MessageCodec.MAX_MESSAGE_BYTES / 1024)
                .append(" KiB and nests at most ").append(MessageCodec.MAX_NESTING_DEPTH)
                .append(" levels; a larger one is refused, never truncated. Keep large data in a file or ")
                .append("artifact and put its path or URL into the payload.\n\n");
        md.append("Versioning: a change to a payload's shape gets a new type name (`build.completed.v2`); the ")
                .append("old type stays readable.\n\n");
        md.append("Export: every message maps to a CloudEvent whose `type` is the CDEvents type where one ")
                .append("exists, otherwise `dev.cdeventsx.lotabots-<type>.<version>.0.0`.\n\n");
        md.append("## Types\n\n| type | CloudEvents / CDEvents type | meaning |\n|---|---|---|\n");
        for (MessageType<?> type : MessageCatalog.all()) {
            md.append("| [`").append(type.getName()).append("`](#").append(anchor(type.getName())).append(") | `")
                    .append(type.getCloudEventType()).append("` | ").append(type.getDescription()).append(" |\n");
        }
        for (MessageType<?> type : MessageCatalog.all()) {
            md.append("\n### ").append(type.getName()).append("\n\n").append(type.getDescription()).append("\n\n");
            md.append("| field | type | required | meaning |\n|---|---|---|---|\n");
            for (MessageType.Field field : type.getFields()) {
                md.append("| `").append(field.getName()).append("` | ").append(typeName(field)).append(" | ")
                        .append(field.isOptional() ? "no" : "yes").append(" | ").append(field.getDescription())
                        .append(nested(field)).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String anchor(final String name) {
        return name.replace(".", "").replace("_", "_").toLowerCase(Locale.ROOT);
    }

    private static String typeName(final MessageType.Field field) {
        String generic = field.getGenericTypeName();
        if (generic.startsWith("java.util.List<")) {
            return "list of " + simple(generic.substring(15, generic.length() - 1));
        }
        if (generic.startsWith("java.util.Map<java.lang.String, ")) {
            return "object of " + simple(generic.substring(32, generic.length() - 1));
        }
        return simple(generic);
    }

    private static String simple(final String javaType) {
        return switch (javaType) {
            case "java.lang.String" -> "text";
            case "java.lang.Integer", "java.lang.Long" -> "integer";
            case "java.lang.Double" -> "number";
            case "java.lang.Boolean" -> "boolean";
            case "java.time.Instant" -> "time (RFC 3339)";
            default -> "object (" + javaType.substring(javaType.lastIndexOf('.') + 1) + ")";
        };
    }

    private static String nested(final MessageType.Field field) {
        String generic = field.getGenericTypeName();
        int start = generic.lastIndexOf("io.lotabots.message.");
        if (start < 0) {
            return "";
        }
        String className = generic.substring(start).replace(">", "");
        try {
            Class<?> nestedType = Class.forName(className);
            StringBuilder text = new StringBuilder(" Each has: ");
            boolean first = true;
            for (MessageType.Field nestedField : MessageType.fieldsOf(nestedType)) {
                text.append(first ? "" : ", ").append('`').append(nestedField.getName()).append("` (")
                        .append(typeName(nestedField)).append(nestedField.isOptional() ? ", optional" : "")
                        .append(')');
                first = false;
            }
            return text.append('.').toString();
        }
        catch (ClassNotFoundException e) {
            return "";
        }
    }
}
