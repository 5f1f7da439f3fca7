package jp.vrsctl.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Catalog c = Catalog.bundled();

    private Product p(String id) {
        return c.findProduct(id).orElseThrow();
    }

    @Test
    void bundledCatalogIsCachedAndDated() {
        assertSame(c, Catalog.bundled());
        assertEquals("2024-10-01", c.asOf());
        assertEquals(7, c.makers().size());
    }

    @Test
    void everyProductHasAKnownMakerAnAsciiIdAndAPlatform() {
        Set<String> ids = new HashSet<>();
        for (Product product : c.products()) {
            assertTrue(product.id().matches("[a-z0-9-]+"), product.id());
            assertTrue(ids.add(product.id()));
            assertTrue(List.of("mRNA", "protein", "viral-vector", "saRNA").contains(product.platform()));
            c.makerOf(product);
        }
        for (String variant : List.of("BA.1", "BA.4-5", "XBB.1.5", "JN.1", "KP.2")) {
            assertTrue(c.findProduct("コミナティ " + variant).isPresent(), variant);
            assertTrue(c.findProduct("スパイクバックス " + variant).isPresent(), variant);
        }
    }

    @Test
    void cvxCodes() {
        assertEquals("208", p("comirnaty").cvx());
        assertEquals("207", p("spikevax").cvx());
        assertEquals("211", p("nuvaxovid").cvx());
        assertEquals("210", p("vaxzevria").cvx());
        assertEquals("212", p("jcovden").cvx());
        assertNull(p("daichirona").cvx());
        assertEquals("saRNA", p("kostaive").platform());
    }

    @Test
    void findsByNameSynonymAndLooseSpelling() {
        assertEquals("comirnaty", c.findProduct("コミナティ筋注").orElseThrow().id());
        assertEquals("comirnaty", c.findProduct(" ＣＯＭＩＲＮＡＴＹ ").orElseThrow().id());
        assertEquals("spikevax", c.findProduct("COVID-19ワクチンモデルナ筋注").orElseThrow().id());
        assertEquals("nuvaxovid", c.findProduct("ヌバキソビッド").orElseThrow().id());
        assertEquals("jcovden", c.findProduct("ジェコビデン筋注").orElseThrow().id());
        assertTrue(c.findProduct("インフルエンザHAワクチン").isEmpty());
        assertTrue(c.findProduct(null).isEmpty());
    }

    @Test
    void findsMakersBySynonyms() {
        assertEquals("moderna", c.findMaker("武田/モデルナ").orElseThrow().id());
        assertEquals("moderna", c.findMaker("武田／モデルナ").orElseThrow().id());
        assertEquals("moderna", c.findMaker("takeda/moderna").orElseThrow().id());
        assertEquals("takeda-novavax", c.findMaker("武田/ノババックス").orElseThrow().id());
        assertEquals("pfizer", c.findMaker("ファイザー").orElseThrow().id());
        assertEquals("meiji-seika", c.findMaker("meiji seika").orElseThrow().id());
        assertEquals("moderna", c.makerOf(p("spikevax-xbb1-5")).id());
        assertTrue(c.findMaker("武田").isEmpty(), "Takeda alone is ambiguous (Moderna and Novavax)");
    }

    @Test
    void primaryIntervals() {
        LocalDate d1 = LocalDate.of(2021, 6, 1);
        assertEquals(Period.ofDays(19), c.minimumInterval(p("comirnaty"), 1, p("comirnaty"), 2, d1.plusDays(21)));
        assertEquals(LocalDate.of(2021, 6, 20), c.earliestNextDate(p("comirnaty"), 1, d1, p("comirnaty"), 2));
        assertEquals(LocalDate.of(2021, 6, 22), c.earliestNextDate(p("spikevax"), 1, d1, p("spikevax"), 2));
        assertEquals(LocalDate.of(2021, 6, 29), c.earliestNextDate(p("vaxzevria"), 1, d1, p("vaxzevria"), 2));
        assertEquals(LocalDate.of(2021, 6, 22), c.earliestNextDate(p("nuvaxovid"), 1, d1, p("nuvaxovid"), 2));
        assertEquals(LocalDate.of(2021, 6, 29), c.earliestNextDate(p("comirnaty"), 1, d1, p("spikevax"), 2), "mixed primary");
        assertEquals("default", c.rule(p("daichirona"), 1, p("daichirona"), 2, d1).id());
    }

    @Test
    void boosterIntervalsChangeOn20221021() {
        Product pf = p("comirnaty");
        Product ba45 = p("comirnaty-ba4-5");
        assertEquals(Period.ofMonths(5), c.minimumInterval(pf, 2, ba45, 3, LocalDate.of(2022, 10, 20)));
        assertEquals(Period.ofMonths(3), c.minimumInterval(pf, 2, ba45, 3, LocalDate.of(2022, 10, 21)));
        assertEquals(LocalDate.of(2022, 3, 1), c.earliestNextDate(pf, 2, LocalDate.of(2021, 10, 1), pf, 3));
        // 3 months after 2022-06-01 is 2022-09-01, when 5 months still applied; the 3-month rule starts 2022-10-21
        assertEquals(LocalDate.of(2022, 10, 21), c.earliestNextDate(pf, 3, LocalDate.of(2022, 6, 1), ba45, 4));
        assertEquals(LocalDate.of(2023, 3, 15), c.earliestNextDate(pf, 3, LocalDate.of(2022, 12, 15), ba45, 4));
        assertEquals(Period.ofMonths(3), c.minimumInterval(pf, 2, p("kostaive"), 3, LocalDate.of(2024, 10, 1)));
        assertEquals(Period.ofMonths(6), c.minimumInterval(pf, 2, p("nuvaxovid"), 3, LocalDate.of(2023, 1, 1)));
        assertEquals(LocalDate.of(2021, 11, 1), c.earliestNextDate(p("jcovden"), 1, LocalDate.of(2021, 6, 1), pf, 2),
                "a dose after the single-dose Janssen primary is a booster");
    }

    @Test
    void noRuleBeforeTheFirstApproval() {
        assertThrows(InvalidValueException.class,
                () -> c.minimumInterval(p("comirnaty"), 1, p("comirnaty"), 2, LocalDate.of(2020, 12, 1)));
    }

    @Test
    void loadRejectsBrokenCatalogs() {
        assertThrows(InvalidValueException.class, () -> Catalog.load(json("{")));
        assertThrows(InvalidValueException.class, () -> Catalog.load(json("{\"asOf\":\"x\",\"makers\":[],\"intervalRules\":[]}")));
        assertThrows(InvalidValueException.class, () -> Catalog.load(json("{\"asOf\":\"x\",\"makers\":[],\"intervalRules\":[],"
                + "\"products\":[{\"id\":\"a\",\"name\":\"a\",\"englishName\":\"a\",\"maker\":\"nobody\",\"platform\":\"mRNA\"}]}")));
        Catalog small = assertDoesNotThrow(json("{\"asOf\":\"2025-01-01\",\"makers\":[{\"id\":\"m\",\"name\":\"エム\",\"englishName\":\"M\"}],"
                + "\"products\":[{\"id\":\"a\",\"name\":\"エー\",\"englishName\":\"A\",\"maker\":\"m\",\"platform\":\"mRNA\"}],"
                + "\"intervalRules\":[{\"id\":\"d\",\"phase\":\"any\",\"interval\":\"P13D\",\"counting\":\"days-between\",\"validFrom\":\"2021-01-01\"}]}"));
        assertEquals("2025-01-01", small.asOf());
        assertEquals(Period.ofDays(14), small.minimumInterval(small.products().get(0), 1, small.products().get(0), 2, LocalDate.of(2021, 3, 1)));
    }

    private static Catalog assertDoesNotThrow(ByteArrayInputStream in) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> Catalog.load(in));
    }

    private static ByteArrayInputStream json(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
