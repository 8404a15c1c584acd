package dev.tailor.datasets.renault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.configure.TableConstraint;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.ParseMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XcspReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsDomainsRangesRelationsAndConstraints() throws IOException {
        Path file = dir.resolve("tiny.xml");
        Files.writeString(file, """
                <instance>
                 <presentation name="tiny" format="XCSP 2.1"/>
                 <domains nbDomains="2"><domain name="D0" nbValues="3">0..2</domain><domain name="D1" nbValues="2">-1 0</domain></domains>
                 <variables nbVariables="2"><variable name="a" domain="D0"/><variable name="b" domain="D1"/></variables>
                 <relations nbRelations="1"><relation name="R" arity="2" nbTuples="2" semantics="supports">0 -1|2 0</relation></relations>
                 <constraints nbConstraints="1"><constraint name="C" arity="2" scope="a b" reference="R"/></constraints>
                </instance>
                """);
        ConfigurableProduct p = XcspReader.read(file);
        assertEquals("tiny", p.name());
        assertEquals(3, p.domain(0).length);
        TableConstraint c = p.constraints().get(0);
        assertTrue(c.allows(new int[] {2, 0}));
        assertTrue(!c.allows(new int[] {1, 0}));
    }

    @Test
    void badTuplesAreNamedWithTheirLine() throws IOException {
        Path file = dir.resolve("bad.xml");
        Files.writeString(file, """
                <instance>
                 <domains><domain name="D0">0 1</domain></domains>
                 <variables><variable name="a" domain="D0"/></variables>
                 <relations><relation name="R" arity="2" semantics="supports">0 1|1</relation></relations>
                </instance>
                """);
        IngestException e = assertThrows(IngestException.class, () -> XcspReader.read(file));
        assertEquals(4, e.problem().line());
        assertTrue(e.getMessage().contains("2 values per tuple"), e.getMessage());
    }

    @Test
    void everySoldRenaultConfigurationSatisfiesTheConstraintsItFullyAssigns() {
        Optional<Path> folder = DatasetPaths.dataset(RenaultHistories.NAME);
        assumeTrue(folder.isPresent(), "Renault data is not available here");
        for (String size : new String[] {"medium", "big"}) {
            ConfigurableProduct product = XcspReader.read(folder.get().resolve("cfn-learn").resolve(size + "_domainsorted.xml"));
            ConfigurationHistory history = RenaultHistories.readFiltered(folder.get(), size, ParseMode.STRICT);
            assertEquals(size.equals("medium") ? 148 : 268, product.variables().size());
            assertEquals(size.equals("medium") ? 174 : 332, product.constraints().size());
            int[] columnOf = new int[history.variables().size()];
            for (int h = 0; h < columnOf.length; h++) {
                columnOf[h] = product.indexOf(history.variables().get(h));
                assertTrue(columnOf[h] >= 0, "history variable " + history.variables().get(h) + " is in the model");
            }
            int row = 0;
            for (int[] values : history.rows()) {
                int[] assignment = new int[product.size()];
                java.util.Arrays.fill(assignment, ConfigurableProduct.UNSET);
                for (int h = 0; h < values.length; h++) {
                    assignment[columnOf[h]] = values[h];
                }
                assertEquals(List.of(), product.violatedBy(assignment), size + " row " + row);
                row++;
            }
            assertEquals(history.size(), row);
        }
    }
}
