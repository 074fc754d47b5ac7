package com.sendline.adapters.postgres;

import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.Colour;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.HostName;
import com.sendline.domain.tenancy.Reseller;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.domain.tenancy.Slug;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two schemas stand in for a primary and a replica that has not caught up, so it is visible which pool a read
 * went to: the primary holds a reseller the "replica" lacks.
 */
class ReadReplicaRoutingTest {
    private TestDatabase primarySchema;
    private TestDatabase replicaSchema;
    private Schemas schemas;
    private Reseller onlyOnPrimary;

    @BeforeEach
    void setUp() {
        primarySchema = TestServices.freshDatabase();
        replicaSchema = primarySchema.sibling();
        schemas = new Schemas();
        var primary = schemas.migrated(primarySchema);
        schemas.migrated(replicaSchema);
        onlyOnPrimary = new Reseller(ResellerId.random(), "Acme", new Slug("acme"), Set.of(new HostName("acme.example")),
                new Branding("Acme", null, new Colour("#000000"), new EmailAddress("a@acme.example")));
        new PostgresResellers(Database.primaryOnly(primary), ReadRoute.PRIMARY).add(onlyOnPrimary);
    }

    @AfterEach
    void tearDown() throws Exception {
        schemas.close();
        replicaSchema.close();
        primarySchema.close();
    }

    @Test
    void a_repository_that_opted_in_reads_from_the_replica_and_writes_to_the_primary() {
        Database db = new Database(schemas.migrated(primarySchema), schemas.migrated(replicaSchema));
        PostgresResellers replicaReader = new PostgresResellers(db, ReadRoute.REPLICA);

        assertThat(db.hasReplica()).isTrue();
        assertThat(replicaReader.find(onlyOnPrimary.id())).isEmpty();
        assertThat(replicaReader.updateBranding(onlyOnPrimary.id(), onlyOnPrimary.branding())).isTrue();
    }

    @Test
    void a_repository_that_did_not_opt_in_reads_from_the_primary_even_when_a_replica_exists() {
        Database db = new Database(schemas.migrated(primarySchema), schemas.migrated(replicaSchema));

        assertThat(new PostgresResellers(db, ReadRoute.PRIMARY).find(onlyOnPrimary.id())).contains(onlyOnPrimary);
    }

    @Test
    void without_a_replica_replica_reads_go_to_the_primary() {
        Database db = Database.primaryOnly(schemas.migrated(primarySchema));

        assertThat(db.hasReplica()).isFalse();
        assertThat(new PostgresResellers(db, ReadRoute.REPLICA).find(onlyOnPrimary.id())).contains(onlyOnPrimary);
    }
}
