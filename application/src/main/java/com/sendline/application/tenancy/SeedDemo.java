package com.sendline.application.tenancy;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.BusinessStatus;
import com.sendline.domain.tenancy.Businesses;
import com.sendline.domain.tenancy.Colour;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.HostName;
import com.sendline.domain.tenancy.Operator;
import com.sendline.domain.tenancy.Operators;
import com.sendline.domain.tenancy.PasswordHasher;
import com.sendline.domain.tenancy.Reseller;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.domain.tenancy.Resellers;
import com.sendline.domain.tenancy.Role;
import com.sendline.domain.tenancy.Slug;
import com.sendline.domain.tenancy.User;
import com.sendline.domain.tenancy.UserId;
import com.sendline.domain.tenancy.Users;

import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fills an empty installation with one of everything, so a newcomer can sign in as each role and send through a
 * simulator at once. Passwords are random per installation (shown once, in the credentials file), never fixed.
 * Safe to run on every start: it does nothing once users exist, and resumes if a previous run stopped half-way.
 */
public final class SeedDemo {
    public static final HostName DEMO_HOST = new HostName("localhost");

    private final Operators operators;
    private final Resellers resellers;
    private final Businesses businesses;
    private final Devices devices;
    private final Users users;
    private final PasswordHasher hasher;
    private final SecureRandom random = new SecureRandom();

    public record Login(Role role, String email, String password) {
    }

    public record DemoTenancy(ResellerId resellerId, BusinessId businessId, String deviceId, List<Login> logins) {
        public DemoTenancy {
            logins = List.copyOf(logins);
        }
    }

    public SeedDemo(Operators operators, Resellers resellers, Businesses businesses, Devices devices, Users users,
                    PasswordHasher hasher) {
        this.operators = operators;
        this.resellers = resellers;
        this.businesses = businesses;
        this.devices = devices;
        this.users = users;
        this.hasher = hasher;
    }

    /** @return the new demo tenancy with its passwords, or empty when the installation already has users */
    public Optional<DemoTenancy> seedIfEmpty() {
        if (users.count() > 0) {
            return Optional.empty();
        }
        if (operators.find().isEmpty()) {
            operators.save(new Operator("Sendline", new EmailAddress("ops@sendline.local")));
        }
        Reseller reseller = resellers.findByHost(DEMO_HOST).orElseGet(() -> {
            Reseller fresh = new Reseller(ResellerId.random(), "Acme Messaging", new Slug("acme"),
                    Set.of(DEMO_HOST, new HostName("127.0.0.1")),
                    new Branding("Acme Messaging", null, new Colour("#0f766e"),
                            new EmailAddress("support@acme.example")));
            resellers.add(fresh);
            return fresh;
        });
        Business business = businesses.list(reseller.id()).stream().findFirst().orElseGet(() -> {
            Business fresh = new Business(BusinessId.random(), reseller.id(), "Blue Bakery",
                    ZoneId.of("Europe/Berlin"), BusinessStatus.ACTIVE);
            businesses.add(fresh);
            return fresh;
        });
        Device device = devices.list(business.id()).stream().findFirst().orElseGet(() -> {
            Device fresh = Device.newDevice(business.id(), Channel.SIMULATOR, new PhoneNumber("+15550000001"),
                    "Demo simulator");
            devices.add(fresh);
            return fresh;
        });

        String operatorPassword = password();
        String resellerPassword = password();
        String businessPassword = password();
        EmailAddress operatorEmail = new EmailAddress("operator@sendline.local");
        EmailAddress resellerEmail = new EmailAddress("admin@acme.example");
        EmailAddress businessEmail = new EmailAddress("owner@bluebakery.example");
        users.add(User.operator(UserId.random(), operatorEmail, hasher.hash(operatorPassword.toCharArray())));
        users.add(User.resellerAdmin(UserId.random(), resellerEmail, hasher.hash(resellerPassword.toCharArray()),
                reseller.id()));
        users.add(User.businessUser(UserId.random(), businessEmail, hasher.hash(businessPassword.toCharArray()),
                business));
        return Optional.of(new DemoTenancy(reseller.id(), business.id(), device.id().toString(), List.of(
                new Login(Role.OPERATOR, operatorEmail.value(), operatorPassword),
                new Login(Role.RESELLER_ADMIN, resellerEmail.value(), resellerPassword),
                new Login(Role.BUSINESS_USER, businessEmail.value(), businessPassword))));
    }

    private String password() {
        // No look-alikes (0/O, 1/l/I): these get typed by hand from a terminal.
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder out = new StringBuilder(18);
        for (int i = 0; i < 18; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
