package com.sendline.adapters.http.api;

import com.sendline.adapters.http.problem.ApiProblem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partner API's OpenAPI document ({@code GET /openapi.yml}, written at compile time by micronaut-openapi) and
 * Swagger UI over it ({@code GET /docs}). Swagger UI's files come from the swagger-ui webjar on the class path, so
 * the page works on an installation without internet access. Public: the document describes only what every
 * partner may read in the docs anyway.
 */
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller
public final class ApiDocsController {
    /** Where micronaut-openapi writes the document (file name set in adapters/http/openapi.properties). */
    static final String DOCUMENT = "META-INF/swagger/sendline-v1.yml";
    private static final String PAGE = "api-docs/";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

    /** The only files /docs/assets serves: a fixed list, so no request names an arbitrary class path resource. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript",
            "favicon-16x16.png", "image/png",
            "favicon-32x32.png", "image/png",
            "init.js", "text/javascript");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private final String webjarDir = WEBJAR + webjarVersion() + "/";

    @Get(uri = "/openapi.yml", produces = "application/yaml")
    public HttpResponse<byte[]> document() {
        return HttpResponse.ok(file(DOCUMENT)).contentType("application/yaml")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Get(uri = "/docs", produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> page() {
        return HttpResponse.ok(file(PAGE + "index.html")).contentType(MediaType.TEXT_HTML_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Get(uri = "/docs/assets/{name}")
    public HttpResponse<byte[]> asset(@PathVariable String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            throw ApiProblem.notFound("such file: " + name);
        }
        byte[] body = file(name.equals("init.js") ? PAGE + name : webjarDir + name);
        return HttpResponse.ok(body).contentType(type).header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }

    private byte[] file(String resource) {
        return cache.computeIfAbsent(resource, r -> {
            try (InputStream in = ApiDocsController.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException(r + " is missing from the class path (a build without the "
                            + "OpenAPI processor or the swagger-ui webjar?)");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The webjar's files sit under its version; its Maven descriptor names it, so an upgrade needs no edit here. */
    private static String webjarVersion() {
        try (InputStream in = ApiDocsController.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
