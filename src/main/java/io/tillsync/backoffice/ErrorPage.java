package io.tillsync.backoffice;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** What a not-found and a not-allowed page share: a heading, one sentence, and the way back to the dashboard. */
public abstract class ErrorPage extends VerticalLayout {

    void show(String titleKey, String text) {
        removeAll();
        H2 title = new H2(getTranslation(titleKey));
        title.setId("error-title");
        Paragraph says = new Paragraph(text);
        says.setId("error-text");
        Anchor back = new Anchor("", getTranslation("error.page.back"));
        back.setId("error-back");
        add(title, says, back);
    }
}
