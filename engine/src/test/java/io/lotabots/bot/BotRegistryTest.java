package io.lotabots.bot;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BotRegistryTest {
    private final GreeterBot zeta = new GreeterBot("zeta", "ZetaBot");
    private final GreeterBot alpha = new GreeterBot("alpha", "AlphaBot");
    private final GreeterBot mid = new GreeterBot("mid", "MidBot");
    private final BotRegistry registry = BotRegistry.of(List.of(zeta, alpha, mid));

    @Test
    void shouldSortBotsById() {
        assertThat(registry.getBots()).containsExactly(alpha, mid, zeta);
    }

    @Test
    void shouldFindBotById() {
        assertThat(registry.find("mid")).containsSame(mid);
        assertThat(registry.get("zeta")).isSameAs(zeta);
    }

    @Test
    void shouldFindBotByName() {
        assertThat(registry.find("AlphaBot")).containsSame(alpha);
        assertThat(registry.get("ZetaBot")).isSameAs(zeta);
    }

    @Test
    void shouldFindNothingForUnknownIdOrName() {
        assertThat(registry.find("nope")).isEmpty();
        assertThat(registry.find("alphabot")).isEmpty();
    }

    @Test
    void shouldRefuseUnknownBotNamingKnownOnes() {
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> registry.get("nope"))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(BotErrorCode.UNKNOWN_BOT))
                .withMessage("There is no bot 'nope'. Known bots: alpha, mid, zeta.");
    }

    @Test
    void shouldSayNoneWhenRegistryIsEmpty() {
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> BotRegistry.of(List.of()).get("test"))
                .withMessage("There is no bot 'test'. Known bots: none.");
    }

    @Test
    void shouldNotChangeWhenListItWasMadeOfChanges() {
        List<Bot<?, ?>> bots = new java.util.ArrayList<>(List.of(zeta));
        BotRegistry copy = BotRegistry.of(bots);
        bots.add(alpha);

        assertThat(copy.getBots()).containsExactly(zeta);
    }
}
