package org.labscale.ui.views.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import java.util.List;
import java.util.Objects;
import org.labscale.shared.lab.LabDto;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.NotSignedInException;
import org.labscale.ui.service.Read;
import org.labscale.ui.views.LoginView;

/**
 * The shell around every lab page: the brand (back to the lab list), a lab switcher that keeps the user on the same
 * kind of page, the breadcrumb trail of the page, the user's name and "Sign out"; in the drawer the lab's menu.
 * Pages tell it their lab and trail by being a {@link LabPage}.
 */
public class MainLayout extends AppLayout implements BeforeEnterObserver, AfterNavigationObserver {

    /** The lab pages of the menu: label, path after {@code labs/<id>/}, icon. */
    record MenuEntry(String label, String path, VaadinIcon icon) {
    }

    static final List<MenuEntry> MENU = List.of(
            new MenuEntry("Projects", "projects", VaadinIcon.FOLDER_OPEN),
            new MenuEntry("Training sets", "training-sets", VaadinIcon.ACADEMY_CAP),
            new MenuEntry("Models", "models", VaadinIcon.CLUSTER),
            new MenuEntry("Model zoo", "zoo", VaadinIcon.GLOBE),
            new MenuEntry("Jobs", "jobs", VaadinIcon.TASKS),
            new MenuEntry("Lab settings", "settings", VaadinIcon.COG));

    private final LabscaleService service;
    final Select<LabDto> labSwitcher = new Select<>();
    final Nav breadcrumbs = new Nav();
    final Span userName = new Span();
    final SideNav menu = new SideNav();
    private boolean switching;
    private Read<List<LabDto>> labs;

    public MainLayout(LabscaleService service) {
        this.service = service;
        setPrimarySection(Section.DRAWER);
        Anchor brand = new Anchor("", "Labscale");
        brand.setId("shell-brand");
        brand.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)")
                .set("margin", "0 var(--lumo-space-m)").set("text-decoration", "none");
        addToDrawer(brand, menu);
        menu.setId("lab-menu");
        menu.getStyle().set("margin", "var(--lumo-space-s)");

        labSwitcher.setId("lab-switcher");
        labSwitcher.setItemLabelGenerator(LabDto::name);
        labSwitcher.setPlaceholder("Lab");
        labSwitcher.setWidth("14rem");
        labSwitcher.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null && !switching) {
                getUI().ifPresent(ui -> ui.navigate("labs/" + e.getValue().id() + "/projects"));
            }
        });
        breadcrumbs.setId("breadcrumbs");
        breadcrumbs.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)")
                .set("align-items", "center").set("font-size", "var(--lumo-font-size-s)");
        userName.setId("user-name");
        userName.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Button signOut = new Button("Sign out", e -> {
            service.signOut();
            getUI().ifPresent(ui -> ui.navigate(LoginView.class));
        });
        signOut.setId("shell-sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), labSwitcher, breadcrumbs, userName, signOut);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(breadcrumbs);
        bar.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(bar);
    }

    /** Starts reading the lab switcher's labs while the page reads its own data (called before the page's). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        labs = null;
        try {
            labs = service.startRead(LabscaleService::labs);
        } catch (NotSignedInException e) {
            // the page sends the browser to the login page
        }
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        Component content = getContent();
        LabDto current = content instanceof LabPage page ? page.lab().orElse(null) : null;
        service.currentUser().ifPresent(u -> userName.setText(u.greetingName()));
        showLabs(current);
        showMenu(current);
        showCrumbs(content instanceof LabPage page ? page.crumbs() : List.of());
    }

    private void showLabs(LabDto current) {
        switching = true;
        try {
            List<LabDto> labs = this.labs != null ? this.labs.get() : service.labs();
            this.labs = null;
            labSwitcher.setItems(labs);
            labSwitcher.setValue(current == null ? null
                    : labs.stream().filter(l -> l.id().equals(current.id())).findFirst().orElse(null));
        } catch (NotSignedInException e) {
            getUI().ifPresent(ui -> ui.navigate(LoginView.class, LoginView.sessionEnded()));
        } catch (ApiException e) {
            labSwitcher.setItems(List.of());
            labSwitcher.setHelperText(e.getMessage());
        } finally {
            switching = false;
        }
    }

    private void showMenu(LabDto lab) {
        menu.removeAll();
        if (lab == null) {
            return;
        }
        for (MenuEntry entry : MENU) {
            SideNavItem item = new SideNavItem(entry.label(), "labs/" + lab.id() + "/" + entry.path(),
                    entry.icon().create());
            item.setId("menu-" + entry.path());
            menu.addItem(item);
        }
    }

    private void showCrumbs(List<Crumb> crumbs) {
        breadcrumbs.removeAll();
        for (int i = 0; i < crumbs.size(); i++) {
            Crumb c = crumbs.get(i);
            if (i > 0) {
                Span sep = new Span("›");
                sep.getStyle().set("color", "var(--lumo-secondary-text-color)");
                breadcrumbs.add(sep);
            }
            Component step = c.path() == null || i == crumbs.size() - 1 ? new Span(c.text()) : new Anchor(c.path(), c.text());
            step.getElement().setAttribute("data-crumb", Objects.toString(i));
            breadcrumbs.add(step);
        }
    }
}
