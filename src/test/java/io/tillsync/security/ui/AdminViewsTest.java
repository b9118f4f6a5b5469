package io.tillsync.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import io.tillsync.security.AppUser;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.Role;
import io.tillsync.security.UserService;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

class AdminViewsTest extends UiTest {

    @Autowired
    UserService users;
    @Autowired
    CatalogService catalog;
    @Autowired
    CurrentUser currentUser;

    private static boolean reached(String route, Class<? extends Component> view) {
        try {
            UI.getCurrent().navigate(route);
            return !_find(view).isEmpty();
        } catch (com.github.mvysny.kaributesting.v10.MockAccessDeniedException refused) {
            return false;
        }
    }

    @Test
    void a_manager_reaches_neither_the_users_nor_the_branches_page_nor_their_services() {
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        assertThat(reached("users", UsersView.class)).isFalse();
        assertThat(reached("branches", Component.class) && !_find(BranchesViewProbe.type()).isEmpty()).isFalse();
        assertThatThrownBy(() -> users.all()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.create("sneaky-" + UUID.randomUUID().toString().substring(0, 6), "x", "Kopi-Susu-Gula-Aren-99",
                Role.ADMIN, Set.of())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_weak_password_is_shown_beside_the_field_and_no_user_is_created() {
        loginAdmin();
        UI.getCurrent().navigate("users");
        String name = "kasir-" + UUID.randomUUID().toString().substring(0, 6);

        _click(_get(Button.class, s -> s.withId("user-create")));
        _setValue(_get(TextField.class, s -> s.withId("user-username")), name);
        _setValue(_get(PasswordField.class, s -> s.withId("user-password")), "password1234");
        CheckboxGroup<Branch> branches = _get(CheckboxGroup.class, s -> s.withId("user-branches"));
        _setValue(branches, Set.of(catalog.branchByCode(TestData.BRANCH).orElseThrow()));
        _click(_get(Button.class, s -> s.withId("user-save")));

        PasswordField password = _get(PasswordField.class, s -> s.withId("user-password"));
        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).isEqualTo("Too easy to guess");
        assertThat(users.find(name)).isEmpty();

        _setValue(password, "Nasi-Goreng-Spesial-42");
        _click(_get(Button.class, s -> s.withId("user-save")));

        AppUser created = users.find(name).orElseThrow();
        assertThat(created.getRole()).isEqualTo(Role.MANAGER);
        assertThat(created.getBranchIds()).containsExactly(fixtures.branchId(TestData.BRANCH));
    }

    @Test
    void a_disabled_manager_loses_their_scope_at_once() {
        String manager = fixtures.manager(TestData.BRANCH);
        loginAdmin();
        AppUser user = users.find(manager).orElseThrow();
        UI.getCurrent().navigate("users");
        @SuppressWarnings("unchecked")
        Grid<AppUser> grid = _get(Grid.class);
        assertThat(grid.getGenericDataView().getItems().map(AppUser::getUsername)).contains(manager);

        users.setEnabled(user.getId(), false, "admin");
        login(manager, "MANAGER");

        assertThat(currentUser.scope()).isEmpty();
    }

    @Test
    void an_admin_cannot_disable_themselves() {
        loginAdmin();
        long self = users.find("admin").orElseThrow().getId();

        assertThatThrownBy(() -> users.setEnabled(self, false, "admin")).hasMessageContaining("yourself");
        assertThat(users.find("admin").orElseThrow().isEnabled()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_tax_rate_over_100_percent_is_refused_beside_the_field_and_changes_nothing() {
        loginAdmin();
        UI.getCurrent().navigate("branches");
        Grid<Branch> grid = _get(Grid.class);
        Branch branch = grid.getGenericDataView().getItems().filter(b -> b.code().equals(TestData.OTHER_BRANCH)).findFirst().orElseThrow();
        grid.select(branch);

        BigDecimalField tax = _get(BigDecimalField.class);
        _setValue(tax, new BigDecimal("150"));
        _click(_get(Button.class, s -> s.withId("branch-save")));

        assertThat(tax.isInvalid()).isTrue();
        assertThat(tax.getErrorMessage()).contains("0 to 100");
        assertThat(catalog.branchByCode(TestData.OTHER_BRANCH).orElseThrow().taxRate()).isEqualByComparingTo("0.1");

        _setValue(tax, new BigDecimal("11"));
        _click(_get(Button.class, s -> s.withId("branch-save")));

        assertThat(tax.isInvalid()).isFalse();
        assertThat(catalog.branchByCode(TestData.OTHER_BRANCH).orElseThrow().taxRate()).isEqualByComparingTo("0.11");
        _setValue(tax, new BigDecimal("10"));
        _click(_get(Button.class, s -> s.withId("branch-save")));
        Select<io.tillsync.catalog.ResolutionPolicy> voidPolicy = _get(Select.class, s -> s.withLabel("Void before its sale"));
        assertThat(voidPolicy.getListDataView().getItems()).doesNotContain(io.tillsync.catalog.ResolutionPolicy.KEEP_LOCAL);
    }
}
