package com.sendline.bootstrap;

import com.sendline.bootstrap.config.ConfigurationError;
import com.sendline.bootstrap.config.Settings;
import com.sendline.bootstrap.embedded.EmbeddedServices;
import com.sendline.bootstrap.lifecycle.DemoCredentials;
import com.sendline.bootstrap.lifecycle.DemoCredentialsFile;
import com.sendline.bootstrap.lifecycle.OneLine;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.bootstrap.wiring.Infrastructure;
import sun.misc.Signal;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar sendline.jar}: validate the environment, start, print where to go, and on SIGTERM (or Ctrl-C)
 * drain and exit 0. Any start-up failure is one line on stderr and a non-zero exit: 2 for a bad setting, 1 for
 * anything that could not be reached or started.
 */
public final class Sendline {
    private Sendline() {
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.from(System.getenv());
        } catch (ConfigurationError e) {
            fail(2, e.getMessage());
            return;
        }
        // Read by logback.xml; set before the first logger exists so the whole run logs in one format.
        System.setProperty("LOG_FORMAT", settings.logFormat());
        System.setProperty("LOG_LEVEL", settings.logLevel());

        SendlineApplication app;
        try {
            app = SendlineApplication.start(settings);
        } catch (ConfigurationError e) {
            // Found only once the database is at hand, e.g. a master key that does not open the stored secrets.
            fail(2, e.getMessage());
            return;
        } catch (Infrastructure.Unreachable | EmbeddedServices.EmbeddedServiceBusy e) {
            fail(1, e.getMessage());
            return;
        } catch (RuntimeException e) {
            fail(1, "start-up failed: " + OneLine.of(e));
            return;
        }

        CountDownLatch stop = new CountDownLatch(1);
        // Our own handlers replace the JVM's default (run hooks, exit 143), so a requested stop drains and exits 0.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        printBanner(app, System.out);

        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.drainAndClose();
        System.exit(0);
    }

    private static void printBanner(SendlineApplication app, PrintStream out) {
        String url = app.url().toString();
        out.println();
        out.println("  Sendline is up at " + url);
        out.println("    readiness " + url + "/health/readiness   metrics " + url + "/prometheus");
        if (!app.settings().seedDemo()) {
            out.println();
            out.flush();
            return;
        }
        DemoCredentialsFile file = app.demoCredentialsFile();
        Optional<DemoCredentials> credentials = file.read();
        credentials.ifPresent(c -> {
            out.println();
            out.println("  Demo logins (kept in " + file.path() + "):");
            boolean fresh = app.seededNow().isPresent();
            for (DemoCredentials.Login login : c.logins()) {
                out.printf("    %-15s %-28s %s%n", login.role(), login.email(),
                        fresh ? login.password() : "(password in the file)");
            }
            out.println("    business " + c.businessId() + "   simulator device " + c.deviceId());
            if (c.apiKey() != null) {
                out.println("    API key " + (fresh ? c.apiKey() : "(in the file)")
                        + "   -> POST /api/v1/auth/token {\"apiKey\": ...}");
            }
        });
        out.println();
        out.flush();
    }

    private static void fail(int code, String message) {
        System.err.println("sendline: " + message);
        System.err.flush();
        System.exit(code);
    }
}
