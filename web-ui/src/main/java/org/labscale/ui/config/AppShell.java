package org.labscale.ui.config;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;

/**
 * The page shell every view shares. Server push is on: what the server changes away from a browser request (a file
 * stored by the API while others still upload, a job's progress) reaches the page when the change is made, over a
 * WebSocket (long polling where one cannot be opened), instead of waiting for the page's next request.
 */
@Push
public class AppShell implements AppShellConfigurator {
}
