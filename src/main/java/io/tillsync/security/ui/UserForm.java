package io.tillsync.security.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.tillsync.backoffice.Translations;
import io.tillsync.catalog.Branch;
import io.tillsync.security.AppUser;
import io.tillsync.security.PasswordPolicy;
import io.tillsync.security.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields of a user. Services refuse a value with "Field: reason"; {@link #show} puts the
 * reason beside that field, so the admin sees what to fix where they typed it.
 */
class UserForm extends FormLayout {

    final TextField username = new TextField();
    final TextField displayName = new TextField();
    final PasswordField password = new PasswordField();
    final Select<Role> role = new Select<>();
    final CheckboxGroup<Branch> branches = new CheckboxGroup<>();
    private final Map<String, HasValidation> byLabel;

    UserForm(List<Branch> all, boolean creating) {
        username.setLabel(getTranslation("users.username"));
        username.setMaxLength(AppUser.USERNAME_MAX);
        username.setId("user-username");
        displayName.setLabel(getTranslation("users.displayName"));
        password.setLabel(getTranslation(creating ? "users.password" : "users.newPassword"));
        password.setMaxLength(PasswordPolicy.MAX_LENGTH);
        password.setHelperText(getTranslation("users.passwordHelp", PasswordPolicy.MIN_LENGTH));
        password.setId("user-password");
        role.setLabel(getTranslation("users.role"));
        role.setItems(Role.values());
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        role.setValue(Role.MANAGER);
        role.setId("user-role");
        branches.setLabel(getTranslation("nav.branches"));
        branches.setItems(all);
        branches.setItemLabelGenerator(Branch::label);
        branches.setId("user-branches");
        role.addValueChangeListener(e -> branches.setEnabled(e.getValue() != Role.ADMIN));
        byLabel = Map.of("Username", username, "Password", password, "Role", role, "Branches", branches);
        if (creating) {
            add(username, displayName, password);
        }
        add(role, branches);
    }

    Set<Long> branchIds() {
        return branches.getValue().stream().map(Branch::id).collect(Collectors.toSet());
    }

    void clearErrors() {
        byLabel.values().forEach(f -> f.setInvalid(false));
    }

    /** Shows a service's refusal beside its field; false when it names no field of this form. */
    boolean show(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int colon = message.indexOf(':');
        HasValidation field = colon < 0 ? null : byLabel.get(message.substring(0, colon));
        if (field == null) {
            return false;
        }
        field.setErrorMessage(Translations.problem(e, getLocale(), message.substring(colon + 1).strip()));
        field.setInvalid(true);
        return true;
    }
}
