// Starts Swagger UI on the API's schema; the address comes from the page, not inline code.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
})();
