package io.tillsync.backoffice;

import com.vaadin.flow.i18n.I18NProvider;
import io.tillsync.base.Refusal;
import io.tillsync.base.Rejected;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;
import io.tillsync.backoffice.Money;

/**
 * English and Bahasa Indonesia. Vaadin picks the browser's language when it is one of these;
 * the layout lets a user switch. A key without a translation shows the English text, never a blank.
 */
@Component
public class Translations implements I18NProvider {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale INDONESIAN = Locale.forLanguageTag("id");

    @Override
    public List<Locale> getProvidedLocales() {
        return List.of(ENGLISH, INDONESIAN);
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        String pattern = lookup(key, Money.isIndonesian(locale) ? INDONESIAN : ENGLISH);
        return params.length == 0 ? pattern : new MessageFormat(pattern, locale).format(params);
    }

    /** The text of a key in English or Indonesian, for code that has no component at hand. */
    public static String text(String key, Locale locale, Object... params) {
        String pattern = lookup(key, Money.isIndonesian(locale) ? INDONESIAN : ENGLISH);
        return params.length == 0 ? pattern : new MessageFormat(pattern, locale).format(params);
    }

    /**
     * A code the server stores and shows (a sale's status, a payment method, a conflict's reason) in
     * the user's words. Tills may send codes of their own, such as a new payment method: those read as sent.
     */
    public static String code(String prefix, String code, Locale locale) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        String key = prefix + code;
        String text = lookup(key, Money.isIndonesian(locale) ? INDONESIAN : ENGLISH);
        return key.equals(text) ? code : text;
    }

    /**
     * Who did something in a conflict's history, stored as {@code user:ana}, {@code device:TILL-A1}
     * or {@code policy}: the prefixes are for the audit trail, not for people.
     */
    public static String actor(String actor, Locale locale) {
        if (actor == null || actor.isEmpty()) {
            return "";
        }
        if (actor.startsWith("user:")) {
            return text("actor.user", locale, actor.substring(5));
        }
        if (actor.startsWith("device:")) {
            return text("actor.device", locale, actor.substring(7));
        }
        return "policy".equals(actor) ? text("actor.policy", locale) : actor;
    }

    /**
     * A history comment as shown: the server writes its own in fixed English (or, when a held item
     * reopens, as the reason code), which read in the user's words; a person's comment reads as typed.
     */
    public static String historyComment(String actor, String comment, Locale locale) {
        if (comment == null || !"policy".equals(actor)) {
            return comment == null ? "" : comment;
        }
        return switch (comment) {
            case "settled by the branch's policy" -> text("history.byPolicy", locale);
            case "the sale it waited for arrived" -> text("history.saleArrived", locale);
            default -> comment.matches("[a-z]+(_[a-z]+)*") ? text("history.reopened", locale, code("reason.", comment, locale)) : comment;
        };
    }

    /**
     * A service's refusal in the user's words when its code has them; otherwise the service's own
     * message, which names the field rule that was broken.
     */
    public static String problem(RuntimeException e, Locale locale) {
        return problem(e, locale, e.getMessage());
    }

    /** As {@link #problem(RuntimeException, Locale)}, with the text to show when no translation fits. */
    public static String problem(RuntimeException e, Locale locale, String fallback) {
        if (e instanceof Refusal r && r.messageKey() != null) {
            String text = worded(r.messageKey(), r.messageArgs(), locale);
            if (text != null) {
                return text;
            }
        }
        if (e instanceof Rejected api && api.code() != null) {
            String key = "error." + api.code();
            String text = lookup(key, Money.isIndonesian(locale) ? INDONESIAN : ENGLISH);
            if (!key.equals(text)) {
                return text;
            }
        }
        return fallback;
    }

    /** A key's text with its arguments, or null when the key has no text, so the caller keeps its English. */
    public static String worded(String key, Object[] args, Locale locale) {
        String pattern = lookup(key, Money.isIndonesian(locale) ? INDONESIAN : ENGLISH);
        if (key.equals(pattern)) {
            return null;
        }
        return args == null || args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    private static String lookup(String key, Locale locale) {
        try {
            return ResourceBundle.getBundle("i18n/messages", locale, ResourceBundle.Control.getNoFallbackControl(
                    ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        } catch (MissingResourceException e) {
            try {
                return ResourceBundle.getBundle("i18n/messages", Locale.ROOT).getString(key);
            } catch (MissingResourceException none) {
                return key;
            }
        }
    }
}
