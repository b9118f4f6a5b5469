package io.tillsync.health.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.tillsync.backoffice.Translations;
import io.tillsync.base.Rejected;
import io.tillsync.catalog.Branch;
import io.tillsync.devices.DeviceService;
import io.tillsync.devices.EnrolledDevice;
import io.tillsync.devices.RegisteredDevice;
import java.util.List;
import java.util.function.Consumer;

/** Enrolls a till. A refused id (bad shape, already enrolled) is shown beside the field and nothing is stored. */
class EnrollDialog extends Dialog {

    EnrollDialog(DeviceService devices, List<Branch> branches, Consumer<EnrolledDevice> enrolled) {
        setHeaderTitle(getTranslation("devices.enroll"));
        TextField deviceId = new TextField(getTranslation("col.device"));
        deviceId.setMaxLength(RegisteredDevice.DEVICE_ID_MAX);
        deviceId.setRequired(true);
        deviceId.setId("enroll-device-id");
        TextField name = new TextField(getTranslation("devices.name"));
        name.setMaxLength(RegisteredDevice.NAME_MAX);
        ComboBox<Branch> branch = new ComboBox<>(getTranslation("col.branch"));
        branch.setItems(branches);
        branch.setItemLabelGenerator(Branch::label);
        branch.setRequired(true);
        branch.setId("enroll-branch");
        add(new FormLayout(deviceId, name, branch));
        Button save = new Button(getTranslation("devices.enroll"), e -> {
            deviceId.setInvalid(false);
            name.setInvalid(false);
            branch.setInvalid(false);
            if (branch.getValue() == null) {
                branch.setInvalid(true);
                branch.setErrorMessage(getTranslation("form.required"));
                return;
            }
            try {
                EnrolledDevice done = devices.enroll(deviceId.getValue().strip(), branch.getValue().code(), name.getValue());
                close();
                enrolled.accept(done);
            } catch (Rejected ex) {
                if ("name".equals(ex.field())) {
                    name.setInvalid(true);
                    name.setErrorMessage(Translations.problem(ex, getLocale()));
                } else if ("branch_code".equals(ex.field())) {
                    branch.setInvalid(true);
                    branch.setErrorMessage(Translations.problem(ex, getLocale()));
                } else {
                    deviceId.setInvalid(true);
                    deviceId.setErrorMessage(Translations.problem(ex, getLocale()));
                }
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("enroll-save");
        getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), save);
    }
}
