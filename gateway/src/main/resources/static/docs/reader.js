// Swagger UI over the gateway's one document; "Try it out" sends the x-api-token a reader enters.
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({
    url: "/v3/api-docs",
    dom_id: "#reference",
    deepLinking: true,
    docExpansion: "none",
    defaultModelsExpandDepth: 0,
    persistAuthorization: false,
    tryItOutEnabled: false,
  });
});
