package io.jdeepaas.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.SecurityConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Swagger UI at {@code /api} in a real headless Chromium (Debian's, see {@link Chromium}), driven
 * by Playwright: Authorize signs in at a real OpenID Connect provider with the authorization code
 * flow and PKCE, and Try it out then predicts with the token. Playwright's own browsers are never
 * downloaded ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}).
 */
class SwaggerUiAuthorizeBrowserTest {

    private static final List<String> AUDIENCE = List.of("jdeepaas");
    private static final String CLIENT = "swagger-ui";

    private static OidcProvider provider;
    private static TestRuntime runtime;
    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = Chromium.executable();
        provider = new OidcProvider();
        SecurityConfig auth = new SecurityConfig(List.of(provider.issuer("platform")), Set.copyOf(AUDIENCE),
                new RoleMapping("groups", List.of(RoleMapping.Rule.parse("ml-users=predict")), EnumSet.of(Role.READ)),
                true, EnumSet.of(Role.READ), Access.PUBLIC, false, List.of(), null, null, CallerLimits.Settings.NONE,
                CLIENT);
        runtime = TestRuntime.start(c -> c.auth(auth), "echo");
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-dev-shm-usage")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void authorizeSignsInWithTheAuthorizationCodeFlowAndTryItOutPredictsWithTheToken() {
        provider.nextToken("platform", "browser-user", AUDIENCE, Map.of("groups", List.of("ml-users")));
        Page page = browser.newPage();
        List<String> predictAuthorization = new ArrayList<>();
        List<String> tokenRequests = new ArrayList<>();
        page.onRequest(r -> {
            if (r.url().endsWith("/v2/models/echo/predict/")) {
                predictAuthorization.add(String.valueOf(r.headers().get("authorization")));
            }
            if (r.url().startsWith(provider.issuer("platform")) && r.url().endsWith("/token")) {
                tokenRequests.add(String.valueOf(r.postData()));
            }
        });
        // the UI reads the provider's discovery document (a cross-origin fetch) before it offers the flow
        page.waitForResponse(r -> r.url().endsWith("/.well-known/openid-configuration") && r.status() == 200,
                () -> page.navigate(runtime.url("/api")));
        page.locator("button.btn.authorize").first().click();
        Locator oidc = page.locator(".auth-container")
                .filter(new Locator.FilterOptions().setHasText("authorization_code with PKCE"));
        assertThat(oidc.locator("input#client_id_authorization_code").inputValue()).isEqualTo(CLIENT);
        Page popup = page.waitForPopup(() -> oidc.locator("button.btn.modal-btn.auth.authorize").click());
        popup.waitForClose(() -> { });
        oidc.locator("button:has-text('Logout')").waitFor();
        page.locator("button.btn-done, .modal-ux button.close-modal").first().click();

        Locator operation = page.locator("#operations-echo-echo_predict");
        operation.locator(".opblock-summary").first().click();
        operation.locator("button.try-out__btn").click();
        operation.locator("textarea.body-param__text").fill("{\"text\": \"from the browser\"}");
        operation.locator("button.execute").click();
        Locator status = operation.locator(".live-responses-table .response .response-col_status").first();
        status.waitFor();

        assertThat(status.innerText().strip()).isEqualTo("200");
        assertThat(operation.locator(".live-responses-table").innerText()).contains("from the browser");
        assertThat(predictAuthorization).singleElement().asString().startsWith("Bearer ey");
        assertThat(tokenRequests).singleElement().asString().contains("grant_type=authorization_code")
                .contains("code_verifier=").contains("client_id=" + CLIENT);
    }

    @Test
    void withoutSigningInTryItOutIsRefusedWithTheChallenge() {
        Page page = browser.newPage();
        page.navigate(runtime.url("/api"));
        Locator operation = page.locator("#operations-echo-echo_predict");
        operation.locator(".opblock-summary").first().click();
        operation.locator("button.try-out__btn").click();
        operation.locator("textarea.body-param__text").fill("{\"text\": \"anonymous\"}");
        operation.locator("button.execute").click();
        Locator status = operation.locator(".live-responses-table .response .response-col_status").first();
        status.waitFor();
        assertThat(status.innerText().strip()).isEqualTo("401");
    }
}
