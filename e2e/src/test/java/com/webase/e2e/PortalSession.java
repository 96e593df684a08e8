package com.webase.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person in a browser (HtmlUnit): logs in on Keycloak's real login page through the gateway and
 * then uses the portal session the gateway keeps — cookies only, the tokens stay in the gateway.
 */
final class PortalSession implements AutoCloseable {

  private static final JsonMapper JSON = new JsonMapper();

  private final WebClient browser;
  private final String gateway;
  private final boolean ownsBrowser;

  private PortalSession(WebClient browser, String gateway, boolean ownsBrowser) {
    this.browser = browser;
    this.gateway = gateway;
    this.ownsBrowser = ownsBrowser;
  }

  /**
   * The same browser (its cookies: the same session) talking to another gateway; closing it leaves
   * the browser open.
   */
  PortalSession at(String otherGateway) {
    return new PortalSession(browser, otherGateway, false);
  }

  /**
   * The sudo-mode round trip: {@code /session/reauthenticate?returnTo=...}, Keycloak's login form
   * again (the password asked even though Keycloak's session is alive), back on the gateway.
   *
   * @return where the browser landed
   */
  URI reauthenticate(String returnTo, String email, String password) throws IOException {
    HtmlPage loginPage =
        browser.getPage(
            gateway
                + "/session/reauthenticate?returnTo="
                + java.net.URLEncoder.encode(returnTo, java.nio.charset.StandardCharsets.UTF_8));
    if (!loginPage.getUrl().toString().contains("/realms/webase/")) {
      throw new IllegalStateException(
          "not asked for the password again but sent to " + loginPage.getUrl());
    }
    HtmlForm form = loginPage.getHtmlElementById("kc-form-login");
    if (!form.getInputsByName("username").isEmpty()) {
      form.getInputByName("username").setValue(email);
    }
    form.getInputByName("password").setValue(password);
    Page landed = loginPage.getHtmlElementById("kc-login").click();
    return URI.create(landed.getUrl().toString());
  }

  static PortalSession logIn(String gateway, String email, String password) throws IOException {
    WebClient browser = new WebClient();
    browser.getOptions().setJavaScriptEnabled(false);
    browser.getOptions().setCssEnabled(false);
    browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
    browser.getOptions().setRedirectEnabled(true);
    HtmlPage loginPage = browser.getPage(gateway + "/oauth2/authorization/keycloak");
    if (!loginPage.getUrl().toString().contains("/realms/webase/")) {
      browser.close();
      throw new IllegalStateException("not sent to Keycloak but to " + loginPage.getUrl());
    }
    HtmlForm form = loginPage.getHtmlElementById("kc-form-login");
    form.getInputByName("username").setValue(email);
    form.getInputByName("password").setValue(password);
    Page landed = loginPage.getHtmlElementById("kc-login").click();
    if (!landed.getUrl().toString().startsWith(gateway)) {
      browser.close();
      throw new IllegalStateException(
          "login did not come back to the gateway: "
              + landed.getUrl()
              + "\n"
              + landed.getWebResponse().getContentAsString());
    }
    return new PortalSession(browser, gateway, true);
  }

  /** The portal's first question: {@code GET /session}. */
  JsonNode session() throws IOException {
    return JSON.readTree(send("GET", "/session", null, false).body());
  }

  /** A request as the portal's JavaScript would send it, with or without the CSRF header. */
  Response send(String method, String path, String json, boolean withCsrf) throws IOException {
    WebRequest request = new WebRequest(new URL(gateway + path), HttpMethod.valueOf(method));
    request.setAdditionalHeader("Accept", "application/json");
    if (json != null) {
      request.setAdditionalHeader("Content-Type", "application/json");
      request.setRequestBody(json);
    }
    if (withCsrf) {
      request.setAdditionalHeader("X-XSRF-TOKEN", csrfToken());
    }
    WebResponse response = browser.loadWebResponse(request);
    return new Response(response.getStatusCode(), response.getContentAsString(), response);
  }

  /** A read that must succeed; its JSON body. */
  JsonNode ok(String method, String path) {
    try {
      Response response = send(method, path, null, false);
      if (response.status() != 200) {
        throw new IllegalStateException(
            method + " " + path + ": " + response.status() + " " + response.body());
      }
      return response.json();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A change, sent with the CSRF header as the portal sends it. */
  Response write(String method, String path, String json) {
    try {
      return send(method, path, json, true);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Logs out as the portal does: {@code POST /logout} with the CSRF header, following redirects.
   */
  URI logOut() throws IOException {
    WebRequest request = new WebRequest(new URL(gateway + "/logout"), HttpMethod.POST);
    request.setAdditionalHeader("X-XSRF-TOKEN", csrfToken());
    Page after = browser.getPage(request);
    return URI.create(after.getUrl().toString());
  }

  String sessionCookie() {
    Cookie cookie = browser.getCookieManager().getCookie("SESSION");
    return cookie == null ? null : cookie.getValue();
  }

  private String csrfToken() throws IOException {
    Cookie cookie = browser.getCookieManager().getCookie("XSRF-TOKEN");
    if (cookie == null) {
      send("GET", "/session", null, false); // asking sets the cookie
      cookie = browser.getCookieManager().getCookie("XSRF-TOKEN");
    }
    return cookie.getValue();
  }

  record Response(int status, String body, WebResponse raw) {
    String header(String name) {
      return raw.getResponseHeaderValue(name);
    }

    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  @Override
  public void close() {
    if (ownsBrowser) {
      browser.close();
    }
  }
}
