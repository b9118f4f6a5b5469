package io.tillsync.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.tillsync.backoffice.Translations;
import io.tillsync.catalog.Branch;
import io.tillsync.catalog.BranchAdminService;
import io.tillsync.security.AppUser;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Back-office users for admins: create, disable, reset a password, assign a role and branches. */
@Route("users")
@Menu(order = 5, title = "Users")
@RolesAllowed("ADMIN")
class UsersView extends VerticalLayout implements HasDynamicTitle {

    private final UserService users;
    private final CurrentUser currentUser;
    private final List<Branch> branches;
    private final Grid<AppUser> grid = new Grid<>();

    UsersView(UserService users, BranchAdminService branchAdmin, CurrentUser currentUser) {
        this.users = users;
        this.currentUser = currentUser;
        this.branches = branchAdmin.all();
        Map<Long, String> codes = branches.stream().collect(Collectors.toMap(Branch::id, Branch::code));
        setSizeFull();
        Button create = new Button(getTranslation("users.create"), e -> createDialog().open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("user-create");
        add(new H2(getTranslation("nav.users")), create);
        grid.addColumn(AppUser::getUsername).setHeader(getTranslation("users.username")).setAutoWidth(true);
        grid.addColumn(AppUser::getDisplayName).setHeader(getTranslation("users.displayName")).setAutoWidth(true);
        grid.addColumn(u -> getTranslation("role." + u.getRole().name())).setHeader(getTranslation("users.role")).setAutoWidth(true);
        grid.addColumn(u -> u.getBranchIds().stream().map(codes::get).sorted().collect(Collectors.joining(", ")))
                .setHeader(getTranslation("nav.branches")).setAutoWidth(true);
        grid.addColumn(u -> getTranslation(u.isEnabled() ? "users.enabled" : "users.disabled")).setHeader(getTranslation("col.state"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::actions).setAutoWidth(true);
        grid.setSizeFull();
        add(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(users.all());
    }

    private HorizontalLayout actions(AppUser u) {
        Button edit = new Button(getTranslation("users.edit"), e -> editDialog(u).open());
        Button password = new Button(getTranslation("users.resetPassword"), e -> passwordDialog(u).open());
        Button toggle = new Button(getTranslation(u.isEnabled() ? "users.disable" : "users.enable"), e -> {
            try {
                users.setEnabled(u.getId(), !u.isEnabled(), currentUser.require().username());
                refresh();
            } catch (IllegalArgumentException ex) {
                Notification.show(Translations.problem(ex, getLocale()));
            }
        });
        for (Button b : List.of(edit, password, toggle)) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL);
            b.getElement().setAttribute("data-user", u.getUsername());
        }
        toggle.addClassName("user-toggle");
        return new HorizontalLayout(edit, password, toggle);
    }

    Dialog createDialog() {
        UserForm form = new UserForm(branches, true);
        return dialog(getTranslation("users.create"), form, () -> users.create(form.username.getValue(), form.displayName.getValue(),
                form.password.getValue(), form.role.getValue(), form.branchIds()));
    }

    private Dialog editDialog(AppUser u) {
        UserForm form = new UserForm(branches, false);
        form.role.setValue(u.getRole());
        form.branches.setValue(branches.stream().filter(b -> u.getBranchIds().contains(b.id())).collect(Collectors.toSet()));
        return dialog(u.getUsername(), form, () -> users.assign(u.getId(), form.role.getValue(), form.branchIds(),
                currentUser.require().username()));
    }

    private Dialog passwordDialog(AppUser u) {
        UserForm form = new UserForm(branches, true);
        form.removeAll();
        form.add(form.password);
        return dialog(getTranslation("users.resetPassword") + " · " + u.getUsername(), form,
                () -> users.resetPassword(u.getId(), form.password.getValue()));
    }

    private Dialog dialog(String title, UserForm form, Runnable save) {
        Dialog dialog = new Dialog(form);
        dialog.setHeaderTitle(title);
        Button ok = new Button(getTranslation("action.save"), e -> {
            form.clearErrors();
            try {
                save.run();
                dialog.close();
                refresh();
                Notification.show(getTranslation("action.saved"), 3000, Notification.Position.BOTTOM_START);
            } catch (IllegalArgumentException ex) {
                if (!form.show(ex)) {
                    Notification.show(Translations.problem(ex, getLocale()));
                }
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.setId("user-save");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), ok);
        dialog.setWidth("min(40em, 95vw)");
        return dialog;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.users") + " · Tillsync";
    }
}
