package io.tillsync.health.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import io.tillsync.devices.EnrolledDevice;

/** A device token, shown this once: the server keeps only its hash, so it can never be shown again. */
class TokenDialog extends Dialog {

    TokenDialog(EnrolledDevice enrolled) {
        setHeaderTitle(getTranslation("devices.token.title", enrolled.deviceId()));
        TextField token = new TextField();
        token.setValue(enrolled.token());
        token.setReadOnly(true);
        token.setWidthFull();
        token.setId("device-token");
        Button copy = new Button(getTranslation("devices.token.copy"));
        copy.setId("copy-token");
        // the browser answers once the token is on the clipboard, or refuses (no permission, not https): say which
        copy.addClickListener(e -> getUI().ifPresent(ui -> ui.getPage().executeJs("return navigator.clipboard.writeText($0)", enrolled.token())
                .then(done -> copied(copy, "devices.token.copied"), failed -> copied(copy, "devices.token.copyFailed"))));
        add(new Paragraph(getTranslation("devices.token.once")), token);
        Button done = new Button(getTranslation("action.done"), e -> close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(copy, done);
        setWidth("min(40em, 95vw)");
    }

    private void copied(Button copy, String key) {
        copy.setText(getTranslation(key));
        copy.setIcon(VaadinIcon.CHECK.create());
        copy.getElement().setAttribute("aria-live", "polite");
        if (key.endsWith("copyFailed")) {
            copy.setIcon(VaadinIcon.WARNING.create());
        }
    }
}
