package com.sendline.adapters.http.contacts;

import com.sendline.adapters.http.api.IdempotentPosts;
import com.sendline.adapters.http.api.ProblemResponses;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.sendline.adapters.http.api.Page;
import com.sendline.adapters.http.api.PageRequest;
import com.sendline.adapters.http.apiaccess.ApiTenant;
import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.adapters.http.problem.Problem;
import com.sendline.application.contacts.AddContact;
import com.sendline.application.contacts.ChangeContact;
import com.sendline.application.contacts.ImportContacts;
import com.sendline.application.contacts.InvalidContact;
import com.sendline.application.contacts.RemoveContact;
import com.sendline.application.contacts.UnknownContact;
import com.sendline.domain.contacts.Contact;
import com.sendline.domain.contacts.ContactExists;
import com.sendline.domain.contacts.ContactId;
import com.sendline.domain.contacts.Contacts;
import com.sendline.domain.tenancy.BusinessId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The calling business's contacts (reading needs {@code contacts:read}, changing {@code contacts:write}). One
 * contact per phone number; another business's contact is 404, like a missing one.
 */
@Secured("contacts:read")
@ProblemResponses
@Controller("/api/v1/contacts")
public final class ContactsController {
    private static final int MAX_FILTER = 120;
    private final Contacts contacts;
    private final ApiTenant tenant;
    private final AddContact add;
    private final ChangeContact change;
    private final RemoveContact remove;
    private final ImportContacts importer;

    private final IdempotentPosts idempotent;

    public ContactsController(Contacts contacts, ApiTenant tenant, AddContact add, ChangeContact change,
                              RemoveContact remove, ImportContacts importer, IdempotentPosts idempotent) {
        this.idempotent = idempotent;
        this.contacts = contacts;
        this.tenant = tenant;
        this.add = add;
        this.change = change;
        this.remove = remove;
        this.importer = importer;
    }

    /** Create and change alike; on a change, a field left out (or null) keeps its value. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ContactRequest(@Nullable String phone, @Nullable String name, @Nullable String email,
                                 @Nullable List<String> tags) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactBody(String id, String phone, @Nullable String name, @Nullable String email,
                              List<String> tags, String createdAt, String updatedAt) {
        static ContactBody of(Contact c) {
            return new ContactBody(c.id().toString(), c.phone().e164(), c.name(),
                    c.email() == null ? null : c.email().value(), List.copyOf(c.tags()), c.createdAt().toString(),
                    c.updatedAt().toString());
        }
    }

    @Serdeable
    public record ImportError(int row, String field, String message) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ImportBody(int imported, int updated, int failed, List<ImportError> errors) {
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The contact, with its Location",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ContactBody.class)))
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured("contacts:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<ContactBody> createContact(Authentication caller,
                                            @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                            @Header(IdempotentPosts.HEADER) @Nullable String idempotencyKey,
                                            @Body ContactRequest request) {
        BusinessId id = tenant.business(caller, business);
        return idempotent.respond(caller, idempotencyKey, "POST /api/v1/contacts " + id, request, ContactBody.class,
                HttpStatus.CREATED, () -> {
                    try {
                        return ContactBody.of(add.add(id, new AddContact.Request(request.phone(), request.name(),
                                request.email(), request.tags())));
                    } catch (InvalidContact e) {
                        throw invalid(e);
                    } catch (ContactExists e) {
                        throw exists(e);
                    }
                }, c -> "/api/v1/contacts/" + c.id());
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Page<ContactBody> listContacts(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                  @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor,
                                  @QueryValue @Nullable String q, @QueryValue @Nullable String tag) {
        BusinessId id = tenant.business(caller, business);
        PageRequest page = PageRequest.of(limit, cursor);
        List<Problem.FieldError> filters = new ArrayList<>();
        for (String[] filter : new String[][] {{"q", q}, {"tag", tag}}) {
            if (filter[1] != null && (filter[1].length() > MAX_FILTER
                    || filter[1].chars().anyMatch(Character::isISOControl))) {
                filters.add(new Problem.FieldError(filter[0], "must be at most " + MAX_FILTER
                        + " characters, without control characters"));
            }
        }
        if (!filters.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Validation failed",
                    "Bad list filter.", filters);
        }
        Instant afterCreated = null;
        ContactId afterId = null;
        if (!page.first()) {
            try {
                afterCreated = Instant.parse(page.part(0, 2));
                afterId = ContactId.parse(page.part(1, 2));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw PageRequest.badCursor();
            }
        }
        List<Contact> rows = contacts.list(id, new Contacts.Query(afterCreated, afterId, q, tag), page.limit() + 1);
        return Page.of(rows, page, ContactBody::of,
                c -> PageRequest.cursorAfter(c.createdAt().toString(), c.id().toString()));
    }

    @Get(value = "/{contactId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ContactBody getContact(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                           @PathVariable String contactId) {
        BusinessId id = tenant.business(caller, business);
        return contacts.find(id, parse(contactId)).map(ContactBody::of).orElseThrow(() -> notFound(contactId));
    }

    @Patch(value = "/{contactId}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured("contacts:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ContactBody changeContact(Authentication caller, @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                             @PathVariable String contactId, @Body ContactRequest request) {
        BusinessId id = tenant.business(caller, business);
        try {
            return ContactBody.of(change.change(id, parse(contactId), new ChangeContact.Request(request.phone(),
                    request.name(), request.email(), request.tags())));
        } catch (UnknownContact e) {
            throw notFound(contactId);
        } catch (InvalidContact e) {
            throw invalid(e);
        } catch (ContactExists e) {
            throw exists(e);
        }
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Deleted")
    @Delete("/{contactId}")
    @Secured("contacts:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Void> deleteContact(Authentication caller,
                                     @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                     @PathVariable String contactId) {
        BusinessId id = tenant.business(caller, business);
        try {
            remove.remove(id, parse(contactId));
        } catch (UnknownContact e) {
            throw notFound(contactId);
        }
        return HttpResponse.noContent();
    }

    /**
     * Imports a CSV contact list (see {@link ContactCsv} for the format). Valid rows are stored, invalid ones
     * reported with their line; a phone number the business has already updates that contact.
     */
    @Post(value = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    @Secured("contacts:write")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<ImportBody> importContacts(Authentication caller,
                                                   @Header(ApiTenant.BUSINESS_HEADER) @Nullable String business,
                                                   @Header(IdempotentPosts.HEADER) @Nullable String idempotencyKey,
                                                   @Body @Nullable String csv) {
        BusinessId id = tenant.business(caller, business);
        return idempotent.respond(caller, idempotencyKey, "POST /api/v1/contacts/import " + id,
                csv == null ? "" : csv, ImportBody.class, HttpStatus.OK, () -> importRows(id, csv), null);
    }

    private ImportBody importRows(BusinessId id, String csv) {
        ContactCsv.Read read = ContactCsv.parse(csv);
        ImportContacts.Result result = importer.importRows(id, read.rows());
        List<ImportContacts.RowError> errors = new ArrayList<>(result.errors());
        errors.addAll(read.unreadable());
        errors.sort(Comparator.comparingInt(ImportContacts.RowError::row));
        List<ImportError> shown = errors.stream().limit(ImportContacts.MAX_ERRORS)
                .map(e -> new ImportError(e.row(), e.field(), e.message())).toList();
        return new ImportBody(result.imported(), result.updated(), result.failed() + read.unreadable().size(),
                shown);
    }

    private static ContactId parse(String contactId) {
        try {
            return ContactId.parse(contactId);
        } catch (IllegalArgumentException e) {
            throw notFound(contactId);
        }
    }

    private static ApiProblem notFound(String contactId) {
        return ApiProblem.notFound("contact " + contactId);
    }

    private static ApiProblem invalid(InvalidContact e) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Validation failed", e.getMessage() + ".",
                e.problems().stream().map(p -> new Problem.FieldError(p.field(), p.message())).toList());
    }

    private static ApiProblem exists(ContactExists e) {
        return new ApiProblem(HttpStatus.CONFLICT, "CONTACT_EXISTS", "Contact exists",
                "Contact " + e.existing() + " already has this phone number.",
                List.of(new Problem.FieldError("phone", "belongs to contact " + e.existing())));
    }
}
