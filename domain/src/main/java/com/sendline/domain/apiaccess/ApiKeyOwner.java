package com.sendline.domain.apiaccess;

import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.ResellerId;

import java.util.Objects;

/**
 * Who an API key acts for: one business, or a reseller acting on its businesses (naming the business on each
 * call).
 */
public sealed interface ApiKeyOwner {
    record OfBusiness(BusinessId business) implements ApiKeyOwner {
        public OfBusiness {
            Objects.requireNonNull(business, "business");
        }
    }

    record OfReseller(ResellerId reseller) implements ApiKeyOwner {
        public OfReseller {
            Objects.requireNonNull(reseller, "reseller");
        }
    }
}
