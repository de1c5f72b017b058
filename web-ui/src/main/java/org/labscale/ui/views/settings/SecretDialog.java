package org.labscale.ui.views.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Shows a secret (an API token, a worker token, an invitation link) the one time the API hands it out, with a copy
 * button. Closing it forgets the secret: nothing on the page or the server keeps it.
 */
final class SecretDialog {

    private SecretDialog() {
    }

    static void show(String title, String explanation, String secret) {
        Dialog dialog = new Dialog();
        dialog.setId("secret-dialog");
        dialog.setHeaderTitle(title);
        dialog.setWidth("36rem");
        TextField value = new TextField();
        value.setId("secret-value");
        value.setValue(secret);
        value.setReadOnly(true);
        value.setWidthFull();
        Paragraph text = new Paragraph(explanation + " It is shown only now: copy it before closing.");
        Button copy = new Button("Copy", e -> value.getElement().executeJs(
                "navigator.clipboard && navigator.clipboard.writeText($0)", secret));
        copy.setId("secret-copy");
        Button close = new Button("Done", e -> dialog.close());
        close.setId("secret-close");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(text, value);
        dialog.getFooter().add(copy, close);
        dialog.addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                dialog.removeFromParent();
            }
        });
        dialog.open();
    }
}
