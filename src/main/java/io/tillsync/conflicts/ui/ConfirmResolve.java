package io.tillsync.conflicts.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/** The last question before a choice that reverses a booked sale or leaves a sale's money out of the books. */
class ConfirmResolve extends Dialog {

    ConfirmResolve(String effect, String action, Runnable confirmed) {
        setHeaderTitle(getTranslation("confirm.title"));
        Paragraph text = new Paragraph(effect);
        text.setId("confirm-effect");
        add(text);
        Button yes = new Button(action, e -> {
            close();
            confirmed.run();
        });
        yes.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        yes.setId("confirm-yes");
        Button no = new Button(getTranslation("action.cancel"), e -> close());
        no.setId("confirm-no");
        getFooter().add(no, yes);
        setId("confirm-resolve");
    }
}
