// verify-email.html's script: a file of its own, as the portal's Content-Security-Policy runs no
// inline script. A classic script, not a module, so that plain HTML clients can run it too.
// The secret travels in the fragment (#…), which browsers never send to a server. A click is
// needed because mail scanners open links: following a link must not change anything by itself.
(function () {
  var secret = window.location.hash.replace(/^#/, "");
  var button = document.getElementById("confirm");
  var result = document.getElementById("result");
  history.replaceState(null, "", window.location.pathname); // out of the history and the bar
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) {
    result.className = "failed";
    result.textContent = "This link is incomplete. Open the link from the mail again, or ask for a new mail in Account Settings.";
    return;
  }
  button.disabled = false;
  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : null;
  }
  function send(method, path, body, done) {
    var request = new XMLHttpRequest();
    request.open(method, path);
    request.setRequestHeader("Accept", "application/json");
    if (body) {
      request.setRequestHeader("Content-Type", "application/json");
      var csrf = cookie("XSRF-TOKEN"); // needed when this browser is also signed in
      if (csrf) { request.setRequestHeader("X-XSRF-TOKEN", csrf); }
    }
    request.onload = function () { done(request.status, request.responseText); };
    request.onerror = function () { done(0, ""); };
    request.send(body);
  }
  button.addEventListener("click", function () {
    button.disabled = true;
    result.className = "";
    result.textContent = "Confirming…";
    send("GET", "/session", null, function () {
      send("POST", "/api/v1/account/email/verify", JSON.stringify({ secret: secret }), function (status, text) {
        var body = {};
        try { body = JSON.parse(text); } catch (e) { }
        if (status === 200) {
          result.className = "ok";
          result.textContent = "Done: " + body.email + " is now your email address.";
        } else {
          result.className = "failed";
          result.textContent = (body.title || "Something went wrong") + ". " + (body.detail || "Try again in a minute.");
          button.disabled = status === 0 || status >= 500 ? false : true;
        }
      });
    });
  });
})();
