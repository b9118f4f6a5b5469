package io.tillsync.backoffice;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list's filters kept in the address bar, so a reload, a bookmark or a link (the dashboard's
 * tiles) opens the list filtered the same way. The address is replaced, not pushed: the back
 * button leaves the list instead of stepping through every filter typed.
 */
public final class UrlFilters {

    private UrlFilters() {
    }

    /** The filter parts, as name and value pairs, as the query of the list's address; empty and null values are left out. */
    public static void show(Component view, String path, String... namesAndValues) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                query.put(namesAndValues[i], List.of(value));
            }
        }
        view.getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, new Location(path, new QueryParameters(query))));
    }

    /** A day of the address's query, written as {@code 2025-10-13}, or null: an address typed by hand is no error. */
    public static LocalDate date(QueryParameters query, String name) {
        String text = part(query, name);
        if (text == null || text.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notADay) {
            return null;
        }
    }

    /** A part of the address's query, or null. */
    public static String part(QueryParameters query, String name) {
        List<String> values = query.getParameters().get(name);
        return values == null || values.isEmpty() || values.getFirst().isBlank() ? null : values.getFirst();
    }
}
