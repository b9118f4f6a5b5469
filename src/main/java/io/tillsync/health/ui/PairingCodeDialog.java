package io.tillsync.health.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import io.tillsync.backoffice.Formats;
import io.tillsync.devices.PairingCode;
import java.time.format.DateTimeFormatter;

/**
 * A pairing code, large enough to read across a counter and grouped 4-4 as the cashier types
 * it, with the time it stops working. Shown this once: the server keeps only its hash.
 */
class PairingCodeDialog extends Dialog {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    PairingCodeDialog(PairingCode code) {
        setHeaderTitle(getTranslation("devices.pairing.title", code.deviceId()));
        Div shown = new Div(code.code());
        shown.setId("pairing-code");
        shown.getStyle().set("font", "600 3rem/1.2 ui-monospace, Menlo, Consolas, monospace").set("letter-spacing", "0.15em")
                .set("text-align", "center").set("padding", "0.5rem 0").set("white-space", "nowrap");
        Paragraph until = new Paragraph(getTranslation("devices.pairing.until", CLOCK.format(code.expiresAt().atZone(Formats.ZONE))));
        until.setId("pairing-expires");
        until.getElement().setAttribute("data-expires-at", code.expiresAt().toString());
        add(shown, until, new Paragraph(getTranslation("devices.pairing.how", "/till/")));
        Button done = new Button(getTranslation("action.done"), e -> close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        done.setId("pairing-done");
        getFooter().add(done);
        setWidth("min(30em, 95vw)");
    }
}
