// Swagger UI over the document this installation serves; everything it loads comes from this server.
window.ui = SwaggerUIBundle({
  url: '/openapi.yml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'BaseLayout',
  // No call to the public validator service: installations may have no internet access.
  validatorUrl: null,
  tryItOutEnabled: false
});
