package com.sendline.domain.archfixture;

import io.micronaut.context.ApplicationContext;

/**
 * Test-only: a "domain" class that imports the framework, to prove the architecture rules catch exactly this.
 * It lives in test sources, so the real suite (which imports main classes only) never sees it.
 */
public final class FrameworkLeak {
    public String describe(ApplicationContext context) {
        return context.toString();
    }
}
