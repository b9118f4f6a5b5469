package io.tillsync.backoffice;

import com.vaadin.flow.component.datepicker.DatePicker;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Date pickers in the user's language: the calendar's own words otherwise stay English in the browser. */
public final class Pickers {

    private Pickers() {
    }

    public static DatePicker date(String label, Locale locale) {
        DatePicker picker = new DatePicker(label);
        picker.setLocale(locale);
        picker.setClearButtonVisible(true);
        // the web component lists weekdays from Sunday
        List<DayOfWeek> week = Stream.concat(Stream.of(DayOfWeek.SUNDAY), Arrays.stream(DayOfWeek.values()).limit(6)).toList();
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n()
                .setMonthNames(Arrays.stream(Month.values()).map(m -> m.getDisplayName(TextStyle.FULL, locale)).toList())
                .setWeekdays(week.stream().map(d -> d.getDisplayName(TextStyle.FULL, locale)).toList())
                .setWeekdaysShort(week.stream().map(d -> d.getDisplayName(TextStyle.SHORT, locale)).toList())
                .setFirstDayOfWeek(1)
                .setToday(Translations.text("datepicker.today", locale))
                .setCancel(Translations.text("datepicker.cancel", locale));
        picker.setI18n(i18n);
        return picker;
    }
}
