package io.tillsync.conflicts.ui;

import io.tillsync.backoffice.Money;
import io.tillsync.backoffice.Translations;
import io.tillsync.conflicts.ConflictSummary;
import io.tillsync.sales.ItemKind;
import io.tillsync.sales.Reason;
import io.tillsync.sales.Resolutions.Strategy;
import java.math.BigDecimal;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * What each way of settling a conflict does to the books, said before the click and with the
 * amounts: the same words the confirmation repeats. It mirrors what the resolver does per type
 * (see the contract's resolve section), so a manager never learns it from the result.
 */
final class ResolveEffects {

    /**
     * @param offered false where the choice cannot work (keep_local on an unknown product)
     * @param confirm true for a choice that reverses a booked sale or leaves a sale's money out of the books
     */
    record Effect(Strategy strategy, String text, boolean offered, boolean confirm) {
    }

    private ResolveEffects() {
    }

    static Effect of(Strategy strategy, ConflictSummary s, JsonNode local, JsonNode server, Locale locale) {
        String localAmount = Money.format(amount(local), locale);
        boolean sale = s.itemType() == ItemKind.SALE;
        return switch (s.conflictType()) {
            case DUPLICATE -> {
                String code = server.path("transaction_code").asString(s.offlineReference());
                String stored = Money.format(amount(server), locale);
                yield strategy == Strategy.KEEP_SERVER
                        ? new Effect(strategy, t("effect.duplicate.keep_server", locale, code, stored), true, false)
                        : new Effect(strategy, t("effect.duplicate.keep_local", locale, code, stored, localAmount), true, true);
            }
            case DATA_MISMATCH -> {
                if (strategy == Strategy.KEEP_SERVER) {
                    if (!sale) {
                        yield new Effect(strategy, t("effect.reject", locale, localAmount), true, true);
                    }
                    BigDecimal serverTotal = amount(server);
                    BigDecimal difference = amount(local).subtract(serverTotal);
                    yield new Effect(strategy, t("effect.mismatch.keep_server", locale, Money.format(serverTotal, locale),
                            Money.format(difference, locale)), true, false);
                }
                yield new Effect(strategy, t("effect.keep_local", locale, localAmount), true, false);
            }
            case CONSTRAINT_VIOLATION -> strategy == Strategy.KEEP_SERVER
                    ? new Effect(strategy, t("effect.reject", locale, localAmount), true, true)
                    : new Effect(strategy, t("effect.rule.keep_local", locale, localAmount), keepLocalWorks(s.reason()), false);
        };
    }

    /** The rules keep_local cannot override: the server refuses it, so the page does not offer it. */
    static boolean keepLocalWorks(String reason) {
        return Reason.overridable(reason) && !Reason.SALE_VOIDED.equals(reason) && !Reason.SALE_UNKNOWN.equals(reason);
    }

    /** A sale's grand total, a payment's amount. */
    static BigDecimal amount(JsonNode doc) {
        JsonNode n = doc.has("grand_total") ? doc.get("grand_total") : doc.path("amount");
        return n.isNumber() ? n.decimalValue() : BigDecimal.ZERO;
    }

    private static String t(String key, Locale locale, Object... args) {
        return Translations.text(key, locale, args);
    }
}
