package com.sendline.adapters.http.apiaccess;

import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.Businesses;
import com.sendline.domain.tenancy.ResellerId;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

/**
 * The business a partner API call acts for, from its token: a business key's own business, or — for a reseller
 * key — the business named in {@code Sendline-Business-Id}, which must be one of the reseller's. Another
 * reseller's business answers 404, exactly like a missing one.
 */
@Singleton
public final class ApiTenant {
    public static final String BUSINESS_HEADER = "Sendline-Business-Id";

    private final Businesses businesses;

    public ApiTenant(Businesses businesses) {
        this.businesses = businesses;
    }

    public BusinessId business(Authentication caller, String businessHeader) {
        Object type = caller.getAttributes().get("tenant_type");
        Object tenant = caller.getAttributes().get("tenant");
        if (tenant == null) {
            throw unauthorized();
        }
        if ("business".equals(type)) {
            return BusinessId.parse(tenant.toString());
        }
        if (!"reseller".equals(type)) {
            throw unauthorized();
        }
        if (businessHeader == null || businessHeader.isBlank()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "BUSINESS_REQUIRED", "Business required",
                    "A reseller key acts for one of its businesses: name it in the " + BUSINESS_HEADER + " header.");
        }
        BusinessId business;
        try {
            business = BusinessId.parse(businessHeader.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Validation failed",
                    BUSINESS_HEADER + " must be a business id (a UUID).");
        }
        return businesses.find(ResellerId.parse(tenant.toString()), business).map(b -> b.id())
                .orElseThrow(() -> ApiProblem.notFound("business " + business));
    }

    /** Whose keys the caller's key is: its business's or its reseller's (no business header involved). */
    public ApiKeyOwner owner(Authentication caller) {
        Object type = caller.getAttributes().get("tenant_type");
        Object tenant = caller.getAttributes().get("tenant");
        if ("business".equals(type) && tenant != null) {
            return new ApiKeyOwner.OfBusiness(BusinessId.parse(tenant.toString()));
        }
        if ("reseller".equals(type) && tenant != null) {
            return new ApiKeyOwner.OfReseller(ResellerId.parse(tenant.toString()));
        }
        throw unauthorized();
    }

    private static ApiProblem unauthorized() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Unauthorized",
                "The token does not name a tenant.");
    }
}
