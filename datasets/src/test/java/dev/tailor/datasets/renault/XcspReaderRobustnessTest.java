package dev.tailor.datasets.renault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.ingest.IngestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and malformed XCSP files (issue #12, item 19): refused with file and line, quickly, in bounded memory. */
class XcspReaderRobustnessTest {
    @TempDir
    Path dir;

    private static String model(String domain, String relation) {
        return "<instance>\n<presentation name=\"t\"/>\n<domains nbDomains=\"1\">" + domain + "</domains>\n"
                + "<variables nbVariables=\"2\"><variable name=\"a\" domain=\"D\"/><variable name=\"b\" domain=\"D\"/></variables>\n"
                + "<relations nbRelations=\"1\">" + relation + "</relations>\n"
                + "<constraints nbConstraints=\"1\"><constraint name=\"C\" arity=\"2\" scope=\"a b\" reference=\"R\"/></constraints>\n"
                + "</instance>\n";
    }

    private IngestException refused(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        IngestException e = assertThrows(IngestException.class, () -> XcspReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    private static final String GOOD_RELATION = "<relation name=\"R\" arity=\"2\" nbTuples=\"1\" semantics=\"supports\">0 1</relation>";

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aDomainOfTwoBillionValuesIsRefusedBeforeItIsEnumerated() throws IOException {
        IngestException e = refused("huge.xml", model("<domain name=\"D\" nbValues=\"2\">0..2147483647</domain>", GOOD_RELATION));
        assertEquals(3, e.problem().line());
        assertTrue(e.getMessage().contains("at most " + XcspReader.MAX_DOMAIN_VALUES + " values"), e.getMessage());
    }

    @Test
    void malformedNumbersRangesAndRelationsNameFileAndLine() throws IOException {
        IngestException arity = refused("arity.xml", model("<domain name=\"D\" nbValues=\"2\">0 1</domain>",
                "<relation name=\"R\" arity=\"two\" nbTuples=\"1\" semantics=\"supports\">0 1</relation>"));
        assertEquals(5, arity.problem().line());
        assertEquals("arity", arity.problem().column());
        IngestException empty = refused("empty.xml", model("<domain name=\"D\" nbValues=\"2\">5..1</domain>", GOOD_RELATION));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        IngestException none = refused("none.xml", model("<domain name=\"D\" nbValues=\"0\"> </domain>", GOOD_RELATION));
        assertTrue(none.getMessage().contains("at least one value"), none.getMessage());
        IngestException tuple = refused("tuple.xml", model("<domain name=\"D\" nbValues=\"2\">0 1</domain>",
                "<relation name=\"R\" arity=\"2\" nbTuples=\"1\" semantics=\"conflicts\">0 1 1</relation>"));
        assertEquals(5, tuple.problem().line());
        IngestException big = refused("bigtuple.xml", model("<domain name=\"D\" nbValues=\"2\">0 1</domain>",
                "<relation name=\"R\" arity=\"2\" nbTuples=\"1\" semantics=\"conflicts\">0..100000</relation>"));
        assertEquals(5, big.problem().line());
    }

    @Test
    void externalEntitiesDtdsAndXIncludeAreRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "0 1");
        String[] attacks = {
            "<?xml version=\"1.0\"?><!DOCTYPE i [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>" + model("<domain name=\"D\" nbValues=\"2\">&x;</domain>", GOOD_RELATION),
            "<?xml version=\"1.0\"?><!DOCTYPE i [<!ENTITY a \"0 1\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + model("<domain name=\"D\" nbValues=\"2\">&c;</domain>", GOOD_RELATION),
            "<?xml version=\"1.0\"?><!DOCTYPE i SYSTEM \"" + dir.resolve("missing.dtd").toUri() + "\">" + model("<domain name=\"D\" nbValues=\"2\">0 1</domain>", GOOD_RELATION),
            "<?xml version=\"1.0\"?><!DOCTYPE i [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]>" + model("<domain name=\"D\" nbValues=\"2\">0 1</domain>", GOOD_RELATION),
        };
        for (int i = 0; i < attacks.length; i++) {
            Path file = dir.resolve("attack" + i + ".xml");
            Files.writeString(file, attacks[i]);
            try {
                dev.tailor.configure.ConfigurableProduct p = XcspReader.read(file);
                // A DOCTYPE that is ignored is fine as long as nothing from outside was read in.
                assertEquals(2, p.domain(0).length, "attack " + i);
            } catch (IngestException refusedCleanly) {
                assertTrue(refusedCleanly.getMessage().startsWith(file.toString()), refusedCleanly.getMessage());
            }
        }
        String xinclude = "<instance xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n<presentation name=\"t\"/>\n"
                + "<domains nbDomains=\"1\"><domain name=\"D\" nbValues=\"2\"><xi:include href=\"" + secret.toUri() + "\" parse=\"text\"/></domain></domains>\n"
                + "</instance>\n";
        Path file = dir.resolve("xinclude.xml");
        Files.writeString(file, xinclude);
        IngestException e = assertThrows(IngestException.class, () -> XcspReader.read(file));
        assertFalse(e.getMessage().contains("0 1"), "nothing from the included file may be read: " + e.getMessage());
    }
}
