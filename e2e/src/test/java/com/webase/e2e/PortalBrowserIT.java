package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.testkit.RealServers;
import com.webase.testkit.RealmSettings;
import com.webase.testkit.ServiceProcess;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's pages in a real browser — the system Chromium, headless — against the real gateway,
 * Keycloak, services and SMTP server: what a person does in Account Settings and on the Apps page,
 * checked by what the page shows and by what the API then does. Each test saves screenshots under
 * {@code target/screenshots/}, and runs axe-core on the pages it visits.
 */
class PortalBrowserIT {

  private static final JsonMapper JSON = new JsonMapper();

  private final Platform platform = Platform.get();
  private final String portal = platform.gatewayA.url();

  @Test
  void theDemoUserSignsInOnKeycloaksPageRenamesThemselvesAndSeesTheNewNameAfterAReload() {
    try (Chromium browser = Chromium.start("1-profile")) {
      browser.driver.get(portal + "/");
      browser.visible("sign-in");
      browser.screenshot("signed-out");
      assertAccessible(browser, "the signed-out page");

      signIn(browser, RealmSettings.DEMO_EMAIL, platform.keycloak.realm().demoPassword(), true);
      assertThat(browser.driver.getCurrentUrl())
          .as("after login the portal opens on its Apps page, not on JSON")
          .isEqualTo(portal + "/");
      browser.screenshot("apps-after-login");

      String renamed = "Demo " + UUID.randomUUID().toString().substring(0, 6);
      browser.byId("account-button").click();
      browser.visible("menu-settings").click();
      browser.waiting().until(ExpectedConditions.urlToBe(portal + "/settings"));
      WebElement name = browser.visible("profile-name");
      browser.waiting().until(d -> !name.getDomProperty("value").isEmpty());
      name.clear();
      name.sendKeys(renamed);
      browser.byId("profile-save").click();
      browser.awaitText("profile-name-message", "Name saved.");
      browser.screenshot("profile-saved", "profile");

      browser.driver.navigate().refresh();
      browser.awaitText("account-name", renamed);
      assertThat(browser.byId("account-initials").getText())
          .isEqualTo(("D" + renamed.charAt(5)).toUpperCase());
      assertThat(browser.visible("profile-name").getDomProperty("value")).isEqualTo(renamed);
      assertAccessible(browser, "Account Settings");

      // put the shared demo user's name back, and sign out through the dropdown
      WebElement again = browser.byId("profile-name");
      again.clear();
      again.sendKeys("Demo User");
      browser.byId("profile-save").click();
      browser.awaitText("profile-name-message", "Name saved.");
      signOut(browser);
    }
  }

  @Test
  void revealAndCopyGiveTheTokenAndRegenerateStopsTheOldOneAtOnce() {
    Person person = newPerson("Tara", "Token");
    try (Chromium browser = Chromium.start("4-token")) {
      signIn(browser, person.email(), person.password(), false);
      browser.allowClipboard(portal);
      browser.driver.get(portal + "/settings#api");
      browser.awaitText("api-token", "wbt_");
      String masked = browser.textOf("api-token");
      assertThat(masked).startsWith("wbt_••").hasSize("wbt_".length() + 16 + 4);

      browser.byId("api-token-reveal").click();
      browser.waiting().until(d -> !browser.textOf("api-token").contains("•"));
      String token = browser.textOf("api-token");
      assertThat(token).startsWith("wbt_").endsWith(masked.substring(masked.length() - 4));
      browser.byId("api-token-copy").click();
      browser.awaitText("api-token-message", "Copied");
      assertThat(browser.clipboard()).as("the copied text").isEqualTo(token);
      assertThat(Api.get(portal, "/api/v1/account", token).statusCode()).isEqualTo(200);

      browser.byId("api-token-reveal").click(); // hidden again: no token in the pictures
      browser.awaitText("api-token", "••");
      browser.byId("api-token-regenerate").click();
      WebElement dialog = browser.visible("regenerate-dialog");
      assertThat(dialog.getText()).contains("stops working immediately");
      assertThat(browser.byId("regenerate-grace-none").isSelected()).isTrue();
      browser.screenshot("regenerate-dialog");
      browser.byId("regenerate-confirm").click();
      browser.awaitText("api-token-message", "The old one no longer works.");
      String regenerated = browser.textOf("api-token");
      assertThat(regenerated).startsWith("wbt_").isNotEqualTo(token);
      assertThat(Api.get(portal, "/api/v1/account", token).statusCode())
          .as("the old token on the very next call")
          .isEqualTo(401);
      assertThat(Api.get(portal, "/api/v1/account", regenerated).statusCode()).isEqualTo(200);
      assertThat(browser.script("return localStorage.length + sessionStorage.length;"))
          .as("nothing kept in the browser's storage")
          .isEqualTo(0L);
      browser.byId("api-token-reveal").click(); // hide it before the picture
      browser.awaitText("api-token", "••");
      browser.screenshot("api-regenerated", "api");
      assertAccessible(browser, "Account Settings after a regeneration");
    }
  }

  /**
   * Sudo mode for real: the login grows older than the window, and nothing else changes.
   *
   * <p>The window is token-service's ({@code webase.tokens.recent-login}, measured from the login's
   * {@code auth_time}), 15 minutes by default; the shared token-service keeps it, because other
   * tests use one login for minutes. So this test starts gateway C ({@link
   * Platform#startGatewayC}), whose token routes lead to token-service-2, the replica with a window
   * of seconds ({@link Platform#SUDO_WINDOW_OF_TOKEN_SERVICE_2}). Nothing in the product is changed
   * or faked for it: no clock moved, no endpoint added, the login really is that old.
   *
   * <p>The person logs in on Keycloak's real page through gateway A first, and C starts while the
   * login ages, so its start (12–15 s here) is spent inside the wait rather than added to it;
   * started beside the browser instead, both fought for the two cores and the test took 58 s (with
   * a 20 s window), against 37 s this way. The gateways share their portal sessions (Redis), as
   * instances behind one load balancer do, and the browser sends its {@code localhost} cookie to
   * every port: the same session opens Account Settings on C. What Reveal does there is the
   * product's own — the refused request ({@code recent-login-required}), the round trip through
   * Keycloak with {@code max_age=0} on C, and the reveal on return.
   */
  @Test
  void revealAsksForThePasswordAgainWhenTheLoginIsOlderThanTheSudoWindow() throws Exception {
    Person person = newPerson("Sid", "Sudo");
    ServiceProcess gatewayC = null;
    try (Chromium browser = Chromium.start("4-sudo")) {
      signIn(browser, person.email(), person.password(), false);
      Instant loggedIn = Instant.now(); // after Keycloak's auth_time
      gatewayC = platform.startGatewayC();
      String c = gatewayC.url();
      browser.driver.get(c + "/settings#api");
      browser.awaitText("account-name", "Sid Sudo");
      String masked = browser.awaitText("api-token", "wbt_");

      Instant tooOld = loggedIn.plus(Platform.SUDO_WINDOW_OF_TOKEN_SERVICE_2).plusSeconds(1);
      // the login has to age past the window: wait for the clock, bounded
      await()
          .atMost(Platform.SUDO_WINDOW_OF_TOKEN_SERVICE_2.plusSeconds(5))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> Instant.now().isAfter(tooOld));
      browser.byId("api-token-reveal").click();
      browser.waiting().until(ExpectedConditions.urlContains("/realms/webase/"));
      WebElement password = browser.visible("password");
      assertThat(browser.driver.getCurrentUrl()).contains("max_age=0");
      assertThat(browser.driver.findElement(By.tagName("body")).getText())
          .as("Keycloak's page asks for the password again")
          .contains("re-authenticate");
      assertThat(
              browser.script("return [...document.querySelectorAll('input')].map(i => i.value);"))
          .as("of this person, whose email it shows")
          .asInstanceOf(InstanceOfAssertFactories.LIST)
          .contains(person.email());
      browser.screenshot("password-asked-again");
      password.sendKeys(person.password());
      browser.byId("kc-login").click();

      browser.waiting().until(ExpectedConditions.urlToBe(c + "/settings#api"));
      browser.waiting().until(d -> !browser.textOf("api-token").contains("•"));
      String token = browser.textOf("api-token");
      assertThat(token).startsWith("wbt_").endsWith(masked.substring(masked.length() - 4));
      assertThat(Api.get(c, "/api/v1/account", token).statusCode()).isEqualTo(200);
      browser.byId("api-token-reveal").click(); // hidden again: no token in the pictures
      browser.awaitText("api-token", "••");
      browser.screenshot("revealed-after-password", "api");
    } finally {
      if (gatewayC != null) {
        platform.stop(gatewayC);
      }
    }
  }

  @Test
  void passwordErrorsAppearAtTheirFieldsAndTheNewPasswordSignsIn() {
    Person person = newPerson("Paz", "Password");
    String newPassword = "lantern orchard " + UUID.randomUUID();
    try (Chromium browser = Chromium.start("3-password")) {
      signIn(browser, person.email(), person.password(), false);
      browser.driver.get(portal + "/settings#password");

      type(browser, "current-password", "not my password at all");
      type(browser, "new-password", newPassword);
      browser.awaitText("password-strength-text", "Strength:");
      type(browser, "confirm-password", newPassword);
      browser.byId("password-update").click();
      browser.awaitText("current-password-message", "not your current password");
      assertThat(browser.textOf("new-password-message")).isEmpty();

      type(browser, "current-password", person.password());
      type(browser, "new-password", "short1!");
      browser.awaitText("password-strength-text", "7 of 12 characters");
      type(browser, "confirm-password", "short1!");
      browser.byId("password-update").click();
      browser.awaitText("new-password-message", "12");
      assertThat(browser.textOf("current-password-message")).isEmpty();
      assertThat(browser.byId("new-password").getDomAttribute("aria-invalid")).isEqualTo("true");
      browser.screenshot("too-short", "password");

      type(browser, "current-password", person.password());
      type(browser, "new-password", newPassword);
      type(browser, "confirm-password", newPassword);
      browser.byId("password-update").click();
      browser.awaitText("password-message", "Password updated.");
      browser.screenshot("updated", "password");
      assertAccessible(browser, "Account Settings after a password change");

      signOut(browser);
      signIn(browser, person.email(), newPassword, false);
      assertThat(browser.textOf("account-name")).isEqualTo("Paz Password");
    }
  }

  @Test
  void anAppMadeOnTheAppsPageIsListedAndItsLinkOpensTheLiveSiteOnceDeployed() throws Exception {
    Person person = newPerson("Abe", "Apps");
    String appName = "Browser app " + UUID.randomUUID().toString().substring(0, 6);
    try (Chromium browser = Chromium.start("5-apps")) {
      signIn(browser, person.email(), person.password(), false);
      browser.visible("new-app-name").sendKeys(appName);
      browser.byId("create-app").click();
      browser.awaitText("new-app-message", "Created");
      browser.awaitText("apps-list", appName);
      WebElement app = appItem(browser, appName);
      assertThat(app.getText()).contains("Not deployed yet");
      String appId = app.getDomAttribute("data-app-id");

      // the program's side: files and a deployment through the API with the person's token
      String token = revealedToken(browser);
      var put =
          Api.request(
              "PUT",
              portal,
              "/api/v1/apps/" + appId + "/files/index.html",
              token,
              "<!DOCTYPE html><html lang=\"en\"><head><title>Live</title></head><body><h1>Live from the browser test</h1></body></html>"
                  .getBytes(StandardCharsets.UTF_8),
              "application/octet-stream",
              Map.of());
      assertThat(put.statusCode()).as(Api.text(put)).isIn(200, 201);
      var deploy = Api.send("POST", portal, "/api/v1/apps/" + appId + "/deployments", token, null);
      assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(202);
      String location = deploy.headers().firstValue("Location").orElseThrow();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  JSON.readTree(Api.get(portal, location, token).body())
                      .path("status")
                      .asString()
                      .equals("live"));

      browser.driver.get(portal + "/");
      browser.awaitText("apps-list", "Deployment: live");
      browser.screenshot("apps-page");
      browser.screenshot("listed-live", "content");
      assertAccessible(browser, "the Apps page");
      assertEveryControlIsReachedByTab(browser);
      WebElement link = appItem(browser, appName).findElement(By.className("site-link"));
      String siteUrl = link.getDomAttribute("href");
      assertThat(siteUrl).startsWith("http://").contains(".localhost:" + platform.gatewayA.port());
      String apps = browser.driver.getWindowHandle();
      link.click();
      browser.waiting().until(d -> d.getWindowHandles().size() == 2);
      for (String handle : browser.driver.getWindowHandles()) {
        if (!handle.equals(apps)) {
          browser.driver.switchTo().window(handle);
        }
      }
      browser.waiting().until(ExpectedConditions.urlToBe(siteUrl));
      assertThat(browser.driver.findElement(By.tagName("h1")).getText())
          .isEqualTo("Live from the browser test");
      browser.screenshot("live-site");
      browser.driver.close();
      browser.driver.switchTo().window(apps);

      appItem(browser, appName).findElement(By.tagName("button")).click();
      browser.visible("delete-app-dialog");
      browser.byId("delete-app-confirm").click();
      browser.awaitText("apps-message", "Deleted");
      assertThat(browser.textOf("apps-list")).doesNotContain(appName);
      assertThat(Api.get(portal, "/api/v1/apps/" + appId, token).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void anEmailChangeIsPendingUntilTheMailedLinkIsOpenedInTheBrowser() throws Exception {
    Person person = newPerson("Emi", "Email");
    String newEmail = "emi-moved-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    try (Chromium browser = Chromium.start("2-email")) {
      signIn(browser, person.email(), person.password(), false);
      browser.driver.get(portal + "/settings");
      WebElement email = browser.visible("profile-email");
      browser.waiting().until(d -> !email.getDomProperty("value").isEmpty());
      email.clear();
      email.sendKeys(newEmail);
      browser.byId("profile-save").click();
      browser.awaitText("pending-email-text", "Verification sent to " + newEmail);
      assertThat(browser.byId("profile-email").getDomProperty("value"))
          .as("the current address stays until the new one is verified")
          .isEqualTo(person.email());
      browser.screenshot("pending", "profile");

      await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(newEmail).size() == 1);
      Matcher link =
          Pattern.compile("http://\\S+/verify-email\\.html#\\S+")
              .matcher(textOf(mailsTo(newEmail).getFirst()));
      assertThat(link.find()).isTrue();
      browser.driver.get(link.group());
      browser.visible("confirm").click();
      browser.awaitText("result", "Done: " + newEmail);
      assertAccessible(browser, "the verification page");

      browser.driver.get(portal + "/settings");
      WebElement shown = browser.visible("profile-email");
      browser.waiting().until(d -> newEmail.equals(shown.getDomProperty("value")));
      assertThat(browser.byId("pending-email").isDisplayed()).isFalse();
      browser.awaitText("activity-list", "Email changed");
      browser.screenshot("verified", "profile");
      browser.screenshot("activity", "activity");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  mailsTo(person.email()).stream()
                      .anyMatch(m -> subjectOf(m).contains("email address was changed")));
    }
  }

  @Test
  void everyControlOfAccountSettingsIsReachableByKeyboardAndTheMenuWorksWithKeysAlone() {
    Person person = newPerson("Kai", "Keyboard");
    try (Chromium browser = Chromium.start("6-keyboard")) {
      signIn(browser, person.email(), person.password(), false);
      browser.driver.get(portal + "/settings");
      browser.awaitText("api-token", "wbt_");
      browser.awaitText("named-tokens", "No named tokens yet.");

      assertEveryControlIsReachedByTab(browser);

      // the dropdown with keys alone: Enter on the profile button, arrow down, Enter
      browser.byId("account-button").sendKeys(Keys.ENTER);
      browser.visible("menu-settings");
      browser.byId("account-button").sendKeys(Keys.ARROW_DOWN);
      assertThat(browser.script("return document.activeElement.id")).isEqualTo("menu-settings");
      new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
      assertThat(browser.byId("account-dropdown").isDisplayed()).isFalse();
      assertThat(browser.script("return document.activeElement.id")).isEqualTo("account-button");

      // a dialog with keys alone: it takes the focus, Escape closes it and gives the focus back
      browser.byId("api-token-regenerate").sendKeys(Keys.ENTER);
      browser.visible("regenerate-dialog");
      assertThat(browser.script("return document.activeElement.id")).isEqualTo("regenerate-cancel");
      new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
      browser.waiting().until(d -> !browser.byId("regenerate-dialog").isDisplayed());
      assertThat(browser.script("return document.activeElement.id"))
          .isEqualTo("api-token-regenerate");
      assertThat(browser.textOf("api-token")).as("nothing regenerated").contains("••");

      // a named token made with the keyboard: type, Space on a scope, Enter submits
      WebElement name = browser.byId("named-token-name");
      name.sendKeys("keyboard token");
      browser.byId("scope-apps-read").sendKeys(Keys.SPACE);
      name.sendKeys(Keys.ENTER);
      browser.awaitText("named-token-message", "created");
      assertThat(browser.textOf("named-token-value")).startsWith("wbt_");
      browser.awaitText("named-tokens", "keyboard token");
      browser.screenshot("named-token", "api");
      assertAccessible(browser, "Account Settings with a new named token");
    }
  }

  private record Person(String email, String password) {}

  private Person newPerson(String first, String last) {
    String email =
        first.toLowerCase()
            + "-browser-"
            + UUID.randomUUID().toString().substring(0, 8)
            + "@example.org";
    String password = "browser " + first.toLowerCase() + " " + UUID.randomUUID();
    platform.keycloak.createUser(email, password, first, last);
    return new Person(email, password);
  }

  /** Through the portal's Sign in link and Keycloak's real login page, back on the Apps page. */
  private void signIn(Chromium browser, String email, String password, boolean screenshot) {
    browser.driver.get(portal + "/");
    browser.visible("sign-in").click();
    browser.waiting().until(ExpectedConditions.urlContains("/realms/webase/"));
    WebElement username = browser.visible("username");
    username.clear();
    username.sendKeys(email);
    browser.byId("password").sendKeys(password);
    if (screenshot) {
      browser.screenshot("keycloak-login");
    }
    browser.byId("kc-login").click();
    browser.waiting().until(ExpectedConditions.urlToBe(portal + "/"));
    browser.waiting().until(d -> !browser.textOf("account-name").isBlank());
  }

  private void signOut(Chromium browser) {
    browser.byId("account-button").click();
    browser.visible("sign-out").click();
    browser.waiting().until(ExpectedConditions.urlToBe(portal + "/"));
    browser.visible("sign-in");
  }

  private static void type(Chromium browser, String id, String text) {
    WebElement input = browser.visible(id);
    input.clear();
    input.sendKeys(text);
  }

  private static WebElement appItem(Chromium browser, String name) {
    for (WebElement item : browser.driver.findElements(By.cssSelector("#apps-list > li"))) {
      if (item.findElement(By.className("app-name")).getText().equals(name)) {
        return item;
      }
    }
    throw new AssertionError("no app " + name + " in " + browser.textOf("apps-list"));
  }

  /** The person's token as Account Settings reveals it (the login is recent). */
  private String revealedToken(Chromium browser) {
    String page = browser.driver.getCurrentUrl();
    browser.driver.get(portal + "/settings#api");
    browser.awaitText("api-token", "wbt_");
    browser.byId("api-token-reveal").click();
    browser.waiting().until(d -> !browser.textOf("api-token").contains("•"));
    String token = browser.textOf("api-token");
    browser.driver.get(page);
    return token;
  }

  /** Tab alone, from the top of the page, reaches every visible control. */
  private static void assertEveryControlIsReachedByTab(Chromium browser) {
    String identify = "e => e.id || e.textContent.trim() || e.name";
    @SuppressWarnings("unchecked")
    List<String> controls =
        (List<String>)
            browser.script(
                "return [...document.querySelectorAll('a[href], button, input, select, [tabindex]')]"
                    + ".filter(e => e.offsetParent !== null && e.tabIndex >= 0 && !e.disabled"
                    + " && e.type !== 'hidden')"
                    + ".map("
                    + identify
                    + ");");
    assertThat(controls).isNotEmpty();
    browser.script("document.activeElement.blur(); window.scrollTo(0, 0);");
    Set<String> reached = new LinkedHashSet<>();
    Actions keys = new Actions(browser.driver);
    for (int i = 0; i < controls.size() + 10; i++) {
      keys.sendKeys(Keys.TAB).perform();
      reached.add((String) browser.script("return (" + identify + ")(document.activeElement);"));
    }
    assertThat(reached).as("reached by Tab alone").containsAll(controls);
  }

  private static void assertAccessible(Chromium browser, String page) {
    List<String> violations = new ArrayList<>(Axe.seriousViolations(browser));
    assertThat(violations).as("serious or critical axe-core violations on " + page).isEmpty();
  }

  private static List<MimeMessage> mailsTo(String address) {
    return RealServers.smtp().receivedFor(address);
  }

  private static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text part of a mail, however deep in its multiparts. */
  private static String textOf(jakarta.mail.Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      var multipart = (jakarta.mail.Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = textOf(multipart.getBodyPart(i));
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }
}
