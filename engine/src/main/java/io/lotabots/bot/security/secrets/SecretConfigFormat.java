package io.lotabots.bot.security.secrets;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.Locale;

/**
 * The formats of a secret scan configuration. All three hold the same schema (see {@link SecretRules}).
 */
public enum SecretConfigFormat {
    /** JSON, files ending in {@code .json}. */
    JSON(JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()),
    /** YAML, files ending in {@code .yaml} or {@code .yml}. */
    YAML(YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()),
    /** TOML, files ending in {@code .toml}. */
    TOML(TomlMapper.builder().build());

    private final ObjectMapper mapper;

    SecretConfigFormat(final ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Tells the format by a file's name.
     *
     * @param name the file name or path
     * @return TOML for {@code .toml}, YAML for {@code .yaml} and {@code .yml}, JSON for anything else
     */
    public static SecretConfigFormat forFile(final String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".toml")) {
            return TOML;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YAML;
        }
        return JSON;
    }
}
