package io.tillsync.catalog.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.tillsync.backoffice.Translations;
import io.tillsync.catalog.Branch;
import io.tillsync.catalog.BranchAdminService;
import io.tillsync.catalog.BranchSettings;
import io.tillsync.catalog.ResolutionPolicy;
import io.tillsync.catalog.SettingsRejected;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.Set;

/** Branch rules for admins: tax, negative stock, what each kind of conflict does by itself, health thresholds. */
@Route("branches")
@Menu(order = 4, title = "Branches")
@RolesAllowed("ADMIN")
class BranchesView extends VerticalLayout implements HasDynamicTitle {

    private final BranchAdminService service;
    private final Grid<Branch> grid = new Grid<>();
    final BigDecimalField tax = new BigDecimalField();
    final Checkbox includesTax = new Checkbox();
    final Checkbox negativeStock = new Checkbox();
    final Select<ResolutionPolicy> priceChanged = policy("branches.policy.priceChanged", BranchAdminService.SETTLE_OR_ASK);
    final Select<ResolutionPolicy> negativeStockPolicy = policy("branches.policy.negativeStock", BranchAdminService.SETTLE_OR_ASK);
    final Select<ResolutionPolicy> voidBeforeSale = policy("branches.policy.voidBeforeSale", BranchAdminService.HOLD_OR_ASK);
    final Select<ResolutionPolicy> totalsMismatch = policy("branches.policy.totalsMismatch", BranchAdminService.SETTLE_OR_ASK);
    final IntegerField stale = minutes("branches.stale");
    final IntegerField offline = minutes("branches.offline");
    final IntegerField failing = minutes("branches.failing");
    final IntegerField grace = minutes("branches.grace");
    private final Map<String, HasValidation> fields;
    private final FormLayout form = new FormLayout();
    private final H3 editing = new H3();
    private Branch selected;

    BranchesView(BranchAdminService service) {
        this.service = service;
        setSizeFull();
        add(new H2(getTranslation("nav.branches")));
        grid.addColumn(Branch::code).setHeader(getTranslation("col.branch")).setAutoWidth(true);
        grid.addColumn(Branch::name).setHeader(getTranslation("devices.name")).setAutoWidth(true);
        grid.addColumn(b -> b.taxRate().movePointRight(2).stripTrailingZeros().toPlainString() + " %")
                .setHeader(getTranslation("branches.tax")).setAutoWidth(true);
        grid.addColumn(b -> b.allowNegativeStock() ? "✓" : "—").setHeader(getTranslation("branches.negativeStock")).setAutoWidth(true);
        grid.addColumn(b -> getTranslation("policy." + b.policyTotalsMismatch().wire())).setHeader(getTranslation("branches.policy.totalsMismatch")).setAutoWidth(true);
        grid.setItems(service.all());
        grid.setHeight("14em");
        grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));
        tax.setLabel(getTranslation("branches.tax"));
        tax.setSuffixComponent(new com.vaadin.flow.component.html.Span("%"));
        includesTax.setLabel(getTranslation("branches.includesTax"));
        negativeStock.setLabel(getTranslation("branches.negativeStock"));
        fields = Map.of("taxPercent", tax, "priceChanged", priceChanged, "negativeStock", negativeStockPolicy,
                "voidBeforeSale", voidBeforeSale, "totalsMismatch", totalsMismatch, "staleAfterMinutes", stale,
                "offlineAfterMinutes", offline, "failingAfterErrors", failing, "gapGraceMinutes", grace);
        failing.setLabel(getTranslation("branches.failing"));
        failing.setSuffixComponent(null);
        Button save = new Button(getTranslation("action.save"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("branch-save");
        form.add(tax, includesTax, negativeStock, priceChanged, negativeStockPolicy, voidBeforeSale, totalsMismatch, stale, offline,
                failing, grace);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        VerticalLayout editor = new VerticalLayout(editing, form, save);
        editor.setPadding(false);
        editor.setVisible(false);
        editor.setId("branch-editor");
        grid.asSingleSelect().addValueChangeListener(e -> editor.setVisible(e.getValue() != null));
        add(grid, editor);
    }

    void edit(Branch b) {
        selected = b;
        if (b == null) {
            return;
        }
        fields.values().forEach(f -> f.setInvalid(false));
        editing.setText(b.label());
        BranchSettings s = BranchSettings.of(b);
        tax.setValue(s.taxPercent());
        includesTax.setValue(s.pricesIncludeTax());
        negativeStock.setValue(s.allowNegativeStock());
        priceChanged.setValue(s.priceChanged());
        negativeStockPolicy.setValue(s.negativeStock());
        voidBeforeSale.setValue(s.voidBeforeSale());
        totalsMismatch.setValue(s.totalsMismatch());
        stale.setValue(s.staleAfterMinutes());
        offline.setValue(s.offlineAfterMinutes());
        failing.setValue(s.failingAfterErrors());
        grace.setValue(s.gapGraceMinutes());
    }

    private void save() {
        fields.values().forEach(f -> f.setInvalid(false));
        try {
            BranchSettings s = new BranchSettings(tax.getValue(), includesTax.getValue(), negativeStock.getValue(), priceChanged.getValue(),
                    negativeStockPolicy.getValue(), voidBeforeSale.getValue(), totalsMismatch.getValue(), value(stale, "staleAfterMinutes"),
                    value(offline, "offlineAfterMinutes"), value(failing, "failingAfterErrors"), value(grace, "gapGraceMinutes"));
            Branch saved = service.update(selected.id(), s);
            Notification.show(getTranslation("action.saved"), 3000, Notification.Position.BOTTOM_START);
            grid.setItems(service.all());
            grid.select(saved);
        } catch (SettingsRejected e) {
            HasValidation field = fields.get(e.field());
            if (field != null) {
                field.setErrorMessage(Translations.problem(e, getLocale()));
                field.setInvalid(true);
            } else {
                Notification.show(Translations.problem(e, getLocale()));
            }
        } catch (org.springframework.orm.ObjectOptimisticLockingFailureException e) {
            Notification.show(getTranslation("action.changedMeanwhile"));
        }
    }

    private int value(IntegerField f, String name) {
        if (f.getValue() == null) {
            throw new SettingsRejected(name, getTranslation("form.required"));
        }
        return f.getValue();
    }

    private Select<ResolutionPolicy> policy(String key, Set<ResolutionPolicy> allowed) {
        Select<ResolutionPolicy> s = new Select<>();
        s.setLabel(getTranslation(key));
        s.setItems(allowed.stream().sorted().toList());
        s.setItemLabelGenerator(p -> getTranslation("policy." + p.wire()));
        return s;
    }

    private IntegerField minutes(String key) {
        IntegerField f = new IntegerField(getTranslation(key));
        f.setStepButtonsVisible(true);
        f.setSuffixComponent(new com.vaadin.flow.component.html.Span(getTranslation("unit.minutes")));
        return f;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.branches") + " · Tillsync";
    }
}
