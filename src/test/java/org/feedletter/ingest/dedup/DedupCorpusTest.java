package org.feedletter.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.feedletter.config.DedupSettings;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.EditionBuilder;
import org.feedletter.digest.EditionOutcome;
import org.feedletter.identity.EntryEvidence;
import org.feedletter.identity.PieceMatcher;
import org.feedletter.ingest.dedup.DedupCorpus.Label;
import org.feedletter.ingest.dedup.DedupCorpus.Piece;
import org.feedletter.ingest.dedup.DedupCorpus.Run;
import org.feedletter.ingest.normalize.CanonicalUrl;
import org.feedletter.store.Database;
import org.feedletter.store.EditionStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.StoredItem;
import org.feedletter.store.SubscriberStore;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dedup evaluation: corpora written by hand for it, most by people who had not read the code (src/test/resources/dedup-corpus: a think tank's
 * site-wide, per-type and per-author feeds, partners that republish, an aggregator, an unrelated institute on the
 * same news, short notes; RSS 2.0, RSS 1.0, Atom and JSON Feed; hard negatives of every kind the issue names),
 * polled in several orders through the real pipeline, with the categories an operator's config gives a type feed
 * whose entries carry none (a corpus's feed-categories.tsv). Every order must give the same items showing the same
 * facts, merge pairs of entries with precision >= 0.995 and recall >= 0.97, and give a Quick Comment digest that
 * carries each Quick Comment once, under its publisher's URL and title.
 */
@Tag("database")
class DedupCorpusTest {

    /** Why a check of identity's decisions alone runs in H2's pass of {@code mvn verify}, not again on PostgreSQL. */
    static final String STORE_FREE = "which entries are one piece does not depend on the store: checked in H2's pass";

    /**
     * The corpora at the targets; with {@code -Dfeedletter.corpus=NAME[,NAME]} only those named (one not listed here
     * too, such as a new corpus not yet run), so a test of either list may have none to run.
     */
    static Stream<String> corpora() {
        String only = System.getProperty("feedletter.corpus");
        if (only != null) {
            return Stream.of(only.split(",")).filter(c -> !NOT_YET_AT_TARGET.containsKey(c));
        }
        return Stream.of("kestrel", "vistula", "danube", "harbour", "mekong", "tagus", "oder", "rhine", "ebro", "tevere",
                "maas", "skagerrak", "potomac", "yangtze", "bosphorus", "ganges", "hongha", "kura", "parana", "zambezi",
                "tana", "sava", "salween", "murray", "limpopo", "vltava", "dnipro", "kaveri", "usumacinta", "sebou",
                "aare", "isonzo", "irtysh", "nemunas", "okavango", "volta", "orinoco", "douro");
    }

    /**
     * Corpora not yet at the targets, each held to the precision and recall it reaches, the same in every order
     * (docs/DUPLICATES.md says what they miss): thames, badly made feeds, where two newsletter stories retitled wholly
     * and a partner's copy 27 days after its piece stay apart; shannon, pieces that change after publication, where a
     * comment withdrawn and republished eight days later under a new title with a corrected figure stays two items;
     * pasig, audio and video around written pieces, where a site's audio posts of its comments (another URL in the
     * same feed) stay apart; rhone, platforms and wrappers around a piece, where an author's Bluesky and a page's
     * Facebook posts sharing a piece under their own words, bookmarks whose only text is the bookmarker's note, and
     * an aggregator's links holding a token, not the page's URL, stay apart; mahaweli, re-runs and time, where a
     * partner's republications weeks later and an aggregator's re-dated listings stay apart; loire, newsletters read as
     * feeds, where a comment's alert e-mailed again under "[Correctif]" (a correction notice's title) and a digest
     * first sent under the previous issue's number stay apart; niger, a commentary syndication agency, where
     * newspapers' copies edited slightly under headlines with other figures stay apart, and a newspaper's copy
     * published under embargo hours before the institute's page shows in its place when as many feeds carry each.
     */
    private static final Map<String, double[]> NOT_YET_AT_TARGET = Map.of(
            "thames", new double[] {0.995, 0.94},
            "shannon", new double[] {0.995, 0.95},
            "pasig", new double[] {0.995, 0.83},
            "rhone", new double[] {0.995, 0.73},
            "mahaweli", new double[] {0.995, 0.93},
            "loire", new double[] {0.995, 0.90},
            "niger", new double[] {0.995, 0.88});

    static Stream<String> corporaNotYetAtTarget() {
        String only = System.getProperty("feedletter.corpus");
        return NOT_YET_AT_TARGET.keySet().stream().sorted()
                .filter(c -> only == null || List.of(only.split(",")).contains(c));
    }

    static Stream<String> allCorpora() {
        return Stream.concat(corpora(), corporaNotYetAtTarget());
    }

    /**
     * The newsletter of a corpus's quick comments: the categories its publisher files them under, as its README says
     * (rhine's, ebro's, tevere's, maas's, skagerrak's, yangtze's, bosphorus's, ganges's, hongha's, kura's and parana's
     * publishers have one label per language).
     */
    private static NewsletterConfig quickComments(String corpus) {
        return new NewsletterConfig("quick-comments", "Quick Comments", null,
                new Include(quickCommentCategories(corpus)), "0 0 8 * * ?", ZoneId.of("Europe/Stockholm"), 1000);
    }

    private static List<String> quickCommentCategories(String corpus) {
        return switch (corpus) {
            case "rhine" -> List.of("Kurzkommentar", "Commentaire express");
            case "ebro" -> List.of("Comentario rápido", "Comentari ràpid");
            case "tevere" -> List.of("Commento a caldo", "Quick Comment");
            case "maas" -> List.of("Quick Comment", "Snelle reactie");
            case "skagerrak" -> List.of("Quick Comment", "Rask kommentar", "Hurtig kommentar", "Snabbkommentar");
            case "potomac" -> List.of("Quick Take");
            case "yangtze" -> List.of("快评", "クイックコメント", "Quick Comment");
            case "bosphorus" -> List.of("Hızlı Yorum", "Σύντομο Σχόλιο", "تعليق سريع", "Quick Comment");
            case "ganges" -> List.of("त्वरित टिप्पणी", "긴급 논평", "תגובה מהירה", "ความเห็นด่วน", "Quick Comment");
            case "hongha" -> List.of("Bình luận nhanh", "Komentar Singkat", "Экспресс-комментарий", "Quick Comment");
            case "kura" -> List.of("სწრაფი კომენტარი", "Արագ մեկնաբանություն", "یادداشت سریع", "فوری تبصرہ",
                    "Quick Comment");
            case "parana" -> List.of("Comentario rápido", "Comentário rápido", "Quick Comment");
            case "tana" -> List.of("Pikakommentti", "Kiirkommentaar", "Gyorskommentár", "Quick Comment");
            case "sava" -> List.of("Брзи коментар", "Brzi komentar", "Бърз коментар", "Comentariu rapid",
                    "Quick Comment");
            case "salween" -> List.of("အမြန်သုံးသပ်ချက်", "មតិយោបល់ខ្លី", "ຄຳເຫັນສັ້ນ", "Quick Comment");
            case "zambezi" -> List.of("Maoni ya Haraka", "ፈጣን አስተያየት", "Commentaire express", "Quick Comment");
            case "limpopo" -> List.of("Quick Comment", "Vinnige Kommentaar", "Amazwana Asheshayo");
            case "shannon" -> List.of("Quick Comment", "Tuairim Thapa");
            case "vltava" -> List.of("Rychlý komentář", "Rýchly komentár", "Quick Comment");
            case "dnipro" -> List.of("Швидкий коментар", "Szybki komentarz", "Quick Comment");
            case "kaveri" -> List.of("Quick Comment", "விரைவுக் கருத்து", "দ্রুত মন্তব্য");
            case "usumacinta" -> List.of("Comentario breve", "Quick Comment");
            case "sebou" -> List.of("Commentaire rapide", "تعليق سريع", "Quick Comment");
            case "aare" -> List.of("Kurzkommentar", "Commentaire bref", "Quick Comment");
            case "isonzo" -> List.of("Commento rapido", "Hitri komentar", "Quick Comment");
            case "pasig" -> List.of("Quick Comment", "Mabilisang Komentaryo", "Dali nga Komentaryo");
            case "irtysh" -> List.of("Жедел пікір", "Экспресс-комментарий", "Quick Comment");
            case "nemunas" -> List.of("Greitas komentaras", "Ātrais komentārs", "Quick Comment");
            case "rhone" -> List.of("Commentaire express", "Snelle reactie", "Kurzkommentar");
            case "mahaweli" -> List.of("Quick Comment", "ක්ෂණික අදහස", "விரைவுக் கருத்து");
            case "loire" -> List.of("Commentaire à chaud", "Evezhiadenn prim", "Quick Comment");
            case "okavango" -> List.of("Quick Comment", "Comentário Rápido", "Tshwaelo ka Bonako");
            case "volta" -> List.of("Quick Comment", "Commentaire rapide");
            case "orinoco" -> List.of("Comentario rápido", "Quick Comment", "Comentário rápido");
            case "niger" -> List.of("Quick Comment", "Commentaire rapide");
            case "douro" -> List.of("Comentário rápido", "Leitura rápida", "Quick Comment", "Quick Take",
                    "Comentario rápido");
            default -> List.of("Quick Comment");
        };
    }

    @ParameterizedTest(allowZeroInvocations = true)
    @MethodSource("corpora")
    void everyPollOrderGivesTheSameItemsShowingTheSameFactsAndMergesWithoutMistakes(String name) {
        DedupCorpus corpus = new DedupCorpus(name);
        Map<String, Run> runs = runInEveryOrder(corpus);
        Run first = runs.values().iterator().next();
        runs.forEach((order, run) -> {
            DedupCorpus.Score score = corpus.score(run);
            assertThat(score.precision()).as("%s, %s: precision", name, order).isGreaterThanOrEqualTo(0.995);
            assertThat(score.recall()).as("%s, %s: recall", name, order).isGreaterThanOrEqualTo(0.97);
            assertThat(run.partition()).as("%s, %s: the same items as publishers first", name, order)
                    .isEqualTo(first.partition());
            assertThat(run.facts()).as("%s, %s: every item shows the same as publishers first", name, order)
                    .isEqualTo(first.facts());
        });
    }

    @ParameterizedTest(allowZeroInvocations = true)
    @MethodSource("corporaNotYetAtTarget")
    void aCorpusNotYetAtTheTargetsKeepsThePrecisionAndRecallItReachesInEveryOrder(String name) {
        DedupCorpus corpus = new DedupCorpus(name);
        double[] floor = NOT_YET_AT_TARGET.get(name);
        Map<String, Run> runs = runInEveryOrder(corpus);
        Run first = runs.values().iterator().next();
        runs.forEach((order, run) -> {
            DedupCorpus.Score score = corpus.score(run);
            assertThat(score.precision()).as("%s, %s: precision", name, order).isGreaterThanOrEqualTo(floor[0]);
            assertThat(score.recall()).as("%s, %s: recall", name, order).isGreaterThanOrEqualTo(floor[1]);
            assertThat(run.partition()).as("%s, %s: the same items as publishers first", name, order)
                    .isEqualTo(first.partition());
            assertThat(run.facts()).as("%s, %s: every item shows the same as publishers first", name, order)
                    .isEqualTo(first.facts());
        });
    }

    /**
     * Each feed polled after all the others: the same items showing the same facts as publishers first. A feed that
     * comes last meets items the others made without it, and must part what they joined that it shows to be two
     * pieces (thames's aggregator listing a report joined a newsletter story about a comment, both giving the report's
     * PDF, until the report's author feed came last and could not undo it). The six orders above rarely put the one
     * feed that shows it last; this puts every feed there.
     */
    @ParameterizedTest
    @DisabledIfSystemProperty(named = "feedletter.testStore", matches = "postgresql", disabledReason = STORE_FREE)
    @MethodSource("allCorpora")
    void eachFeedPolledLastGivesTheSameItemsShowingTheSameFacts(String name) {
        DedupCorpus corpus = new DedupCorpus(name);
        Map<String, List<String>> orders = new LinkedHashMap<>();
        for (String last : corpus.feeds) {
            List<String> order = new ArrayList<>(corpus.publishersFirst());
            order.remove(last);
            order.add(last);
            orders.put(last + " last", order);
        }
        assertTheseOrdersGiveWhatPublishersFirstGives(corpus, orders);
    }

    /**
     * pasig in orders that gave other items before the seventeenth session (CI polled it all at once and met one;
     * 23 of 450 random orders did): the read-aloud feed before the comment's own feeds, so that an aggregator's
     * listing of a comment joined the comment's read-aloud item; and an aggregator listing a partner's copy before
     * the copy came, nearest the read-aloud post, where it stayed.
     */
    @Test
    @DisabledIfSystemProperty(named = "feedletter.testStore", matches = "postgresql", disabledReason = STORE_FREE)
    void pasigInOrdersThatOnceGaveOtherItemsGivesTheSameItemsShowingTheSameFacts() {
        Map<String, List<String>> orders = new LinkedHashMap<>();
        orders.put("read-aloud feed first", List.of("prpi-pakinggan.rss.xml", "prpi-site.rss.xml",
                "balitahub.rss.xml", "prpi-quick-comments.json", "prpi-vidtube.atom.xml", "sugbotoday.atom.xml",
                "agos.rss.xml", "prpi-author-villanueva.rdf", "prpi-podcast.rss.xml", "manilaledger.rss.xml",
                "balitangbayan.json"));
        orders.put("aggregator before the partner", List.of("prpi-vidtube.atom.xml", "agos.rss.xml",
                "prpi-author-villanueva.rdf", "sugbotoday.atom.xml", "balitangbayan.json", "prpi-quick-comments.json",
                "balitahub.rss.xml", "prpi-podcast.rss.xml", "prpi-pakinggan.rss.xml", "prpi-site.rss.xml",
                "manilaledger.rss.xml"));
        Map<String, Run> runs = assertTheseOrdersGiveWhatPublishersFirstGives(new DedupCorpus("pasig"), orders);
        // the aggregator's listing of the partner's copy, stored with the read-aloud post, moved when the copy came
        List<String> evidence = runs.get("aggregator before the partner").sources().values().stream()
                .flatMap(List::stream).filter(s -> s.guid().equals("bh-66cf9cccc790eadf")).map(s -> s.rule() + ": "
                        + s.evidence()).toList();
        assertThat(evidence).singleElement().asString().startsWith("fingerprint: ").contains("drawn from item");
    }

    /**
     * volta copies first: an aggregator's listing of a comment ended in the comment's audio post's item and its
     * listing of the audio post in the comment's, each keeping the other out (one feed's listings under two URLs),
     * until the eighteenth session: when the site's audio post came, the two changed places.
     */
    @Test
    @DisabledIfSystemProperty(named = "feedletter.testStore", matches = "postgresql", disabledReason = STORE_FREE)
    void voltaCopiesFirstGivesTheSameItemsTheTwoListingsChangingPlaces() {
        DedupCorpus corpus = new DedupCorpus("volta");
        List<String> copiesFirst = new ArrayList<>(corpus.publishersFirst());
        Collections.reverse(copiesFirst);
        Map<String, Run> runs = assertTheseOrdersGiveWhatPublishersFirstGives(corpus, Map.of("copies first",
                copiesFirst));
        Map<String, String> evidence = new HashMap<>();
        runs.get("copies first").sources().values().stream().flatMap(List::stream)
                .filter(s -> s.guid().startsWith("ananse-111")).forEach(s -> evidence.put(s.guid(), s.evidence()));
        // one was drawn to the item a poll's entry joined, the other sent the other way in exchange
        assertThat(Stream.of("ananse-1113122530", "ananse-1112155025").map(evidence::get)
                .map(e -> e.contains("; drawn from item ") ? "drawn" : e.contains("; sent from item ") ? "sent" : e))
                .as("the listings of the audio post and of the comment").containsExactlyInAnyOrder("drawn", "sent");
    }

    /**
     * Every corpus in many random orders, and polled all at once again and again: the same items showing the same
     * facts as publishers first. Too long for CI (60 orders of every corpus take about 15 minutes on 2 cores), so
     * asked for: {@code -Dfeedletter.orderSweep=60} (random orders, feed after feed; the seed with
     * {@code -Dfeedletter.orderSweepSeed}), {@code -Dfeedletter.atOnceSweep=20} (all at once, on the test store:
     * add {@code -Dfeedletter.testStore=postgresql} for PostgreSQL). The seventeenth session's sweep found pasig's
     * orders above, and nothing else.
     */
    @ParameterizedTest
    @EnabledIfSystemProperty(named = "feedletter.orderSweep", matches = "[0-9]+")
    @MethodSource("allCorpora")
    void manyRandomOrdersGiveTheSameItemsShowingTheSameFacts(String name) {
        DedupCorpus corpus = new DedupCorpus(name);
        // parsed, not Long.getLong, which would take a mistyped seed for none
        Random random = new Random(Long.parseLong(System.getProperty("feedletter.orderSweepSeed", "11")));
        Map<String, List<String>> orders = new LinkedHashMap<>();
        for (int i = 0; i < Integer.getInteger("feedletter.orderSweep"); i++) {
            List<String> order = new ArrayList<>(corpus.feeds);
            Collections.shuffle(order, random);
            orders.put(String.join(", ", order), order);
        }
        assertTheseOrdersGiveWhatPublishersFirstGives(corpus, orders);
    }

    @ParameterizedTest
    @EnabledIfSystemProperty(named = "feedletter.atOnceSweep", matches = "[0-9]+")
    @MethodSource("allCorpora")
    void pollingAllAtOnceAgainAndAgainGivesTheSameItemsShowingTheSameFacts(String name) {
        DedupCorpus corpus = new DedupCorpus(name);
        Run first = run(db -> corpus.pollInOrder(db, corpus.publishersFirst()));
        for (int i = 1; i <= Integer.getInteger("feedletter.atOnceSweep"); i++) {
            Run run = run(corpus::pollAtOnce);
            assertThat(run.partition()).as("%s, all at once, time %d: the same items as publishers first", name, i)
                    .isEqualTo(first.partition());
            assertThat(run.facts()).as("%s, all at once, time %d: every item shows the same", name, i)
                    .isEqualTo(first.facts());
        }
    }

    /**
     * Polls the corpus in each order, feed after feed, in one database emptied of items before each; returns what
     * each order stored.
     */
    private static Map<String, Run> assertTheseOrdersGiveWhatPublishersFirstGives(DedupCorpus corpus,
            Map<String, List<String>> orders) {
        Run first = run(db -> corpus.pollInOrder(db, corpus.publishersFirst()));
        Map<String, Run> runs = new LinkedHashMap<>();
        try (Database database = TestDatabases.fresh(); DedupCorpus.Rig rig = corpus.new Rig(database)) {
            orders.forEach((name, order) -> {
                rig.forgetItems();
                ItemIngestor ingestor = new ItemIngestor(rig.items); // a fresh process's index each time
                order.forEach(feed -> rig.pollTogether(ingestor, List.of(feed)));
                Run run = rig.read();
                assertThat(run.partition()).as("%s, %s: the same items as publishers first", corpus.name, name)
                        .isEqualTo(first.partition());
                assertThat(run.facts()).as("%s, %s: every item shows the same as publishers first", corpus.name,
                        name).isEqualTo(first.facts());
                runs.put(name, run);
            });
        }
        return runs;
    }

    /**
     * The corpus polled in six orders (publishers first, copies first, all at once, three shuffles), printed. On
     * PostgreSQL (the second pass of {@code mvn verify}) the shuffles are left to H2's pass: which items the same
     * entries make does not depend on the store, and what does (concurrent polls meeting in it) "all at once" covers.
     */
    private Map<String, Run> runInEveryOrder(DedupCorpus corpus) {
        Map<String, Run> runs = new LinkedHashMap<>();
        runs.put("publishers first", run(db -> corpus.pollInOrder(db, corpus.publishersFirst())));
        List<String> copiesFirst = new ArrayList<>(corpus.publishersFirst());
        Collections.reverse(copiesFirst);
        runs.put("copies first", run(db -> corpus.pollInOrder(db, copiesFirst)));
        runs.put("all at once", run(corpus::pollAtOnce));
        for (int seed = 1; seed <= (TestDatabases.onPostgres() ? 0 : 3); seed++) {
            List<String> shuffled = new ArrayList<>(corpus.feeds);
            Collections.shuffle(shuffled, new Random(seed));
            runs.put("shuffled " + seed, run(db -> corpus.pollInOrder(db, shuffled)));
        }
        runs.forEach((order, run) -> {
            DedupCorpus.Score score = corpus.score(run);
            System.out.printf(Locale.ROOT, "dedup corpus %s, %s: %d entries, %d pieces, %d true pairs, %d merged, "
                            + "precision %.4f, recall %.4f%n", corpus.name, order, corpus.labels.size(),
                    corpus.pieces.size(), score.truePairs(), score.mergedPairs(), score.precision(), score.recall());
            corpus.mistakes(run).forEach(m -> System.out.println("  " + m));
        });
        return runs;
    }

    @ParameterizedTest
    @DisabledIfSystemProperty(named = "feedletter.testStore", matches = "postgresql", disabledReason = STORE_FREE)
    @MethodSource("allCorpora")
    void noHardNegativePairIsMerged(String name) {
        DedupCorpus corpus = new DedupCorpus(name);
        List<String> copiesFirst = new ArrayList<>(corpus.publishersFirst());
        Collections.reverse(copiesFirst);
        Run run = run(db -> corpus.pollInOrder(db, copiesFirst));

        assertThat(corpus.hardNegatives).hasSizeGreaterThanOrEqualTo(20);
        List<String> merged = new ArrayList<>();
        for (String[] pair : corpus.hardNegatives) {
            if (oneAddress(corpus, pair[0], pair[1])) {
                System.out.printf("%s: %s and %s share an address: one piece to feedletter%n", name, pair[0], pair[1]);
                continue;
            }
            Set<Long> a = itemsOf(corpus, run, pair[0]);
            Set<Long> b = itemsOf(corpus, run, pair[1]);
            if (a.stream().anyMatch(b::contains)) {
                merged.add(pair[0] + " + " + pair[1] + " (" + pair[2] + ")");
            }
        }
        assertThat(merged).as("hard negatives merged").isEmpty();
    }

    @ParameterizedTest(allowZeroInvocations = true)
    @DisabledIfSystemProperty(named = "feedletter.testStore", matches = "postgresql", disabledReason = STORE_FREE)
    @MethodSource("corpora")
    void eachItemShowsItsPublishersOwnEntryWhateverCameFirst(String name) {
        assumeFalse(name.equals("aare"), "aare: after the publisher moved its site an item shows its first own entry "
                + "(the old address, which redirects), not the new one; which to show is not decided (docs/DUPLICATES.md)");
        DedupCorpus corpus = new DedupCorpus(name);
        List<String> copiesFirst = new ArrayList<>(corpus.publishersFirst());
        Collections.reverse(copiesFirst);
        Run run = run(db -> corpus.pollInOrder(db, copiesFirst));

        List<String> wrong = new ArrayList<>();
        for (Piece piece : corpus.pieces.values()) {
            if (corpus.pieces.values().stream().anyMatch(p -> p != piece && oneAddress(corpus, p.id(), piece.id()))) {
                continue; // two pieces cannot both show at one address
            }
            if (SHOWN_AT_THE_ADDRESS_BEFORE_A_MOVE.getOrDefault(name, Set.of()).contains(piece.id())) {
                System.out.printf("%s %s: not checked: re-listed after its site moved under its first date%n", name,
                        piece.id());
                continue;
            }
            String otherwise = SHOWN_OTHERWISE.get(name + " " + piece.id());
            if (otherwise != null) {
                System.out.printf("%s %s: not checked: %s%n", name, piece.id(), otherwise);
                continue;
            }
            List<Label> originals = corpus.labels.stream().filter(l -> l.piece().equals(piece.id()))
                    .filter(corpus::isOriginal).toList();
            if (originals.isEmpty()) {
                continue; // the publisher's own feed is not among the corpus's feeds
            }
            StoredItem item = run.items().get(run.itemOf().get(originals.get(0)));
            Set<String> titles = new TreeSet<>();
            originals.forEach(l -> titles.add(Objects.requireNonNullElse(corpus.parsed().get(l).title(), "")));
            boolean sameUrl = CanonicalUrl.of(item.link()).equals(CanonicalUrl.of(piece.originalUrl()));
            boolean untitled = titles.equals(Set.of("")); // shown under the start of its text, as a reader needs
            if (!sameUrl || !untitled && !titles.contains(item.title())) {
                wrong.add(piece.id() + " shows \"" + item.title() + "\" at " + item.link() + ", not " + titles + " at "
                        + piece.originalUrl());
            }
        }
        assertThat(wrong).as("items not showing their publisher's own entry").isEmpty();
    }

    /**
     * Pieces whose site moved and re-listed them at their new addresses under their first dates, which more feeds
     * carry at the old one: the item shows the old address (which redirects), as nothing the entries say tells the
     * move's direction (docs/DUPLICATES.md, douro's row; aare's, whose check is left out whole).
     */
    private static final Map<String, Set<String>> SHOWN_AT_THE_ADDRESS_BEFORE_A_MOVE = Map.of("douro",
            Set.of("QC02", "QC04", "QC05", "QC06", "QC07", "AN1", "CV2", "TR1"));

    /**
     * Pieces whose item shows another of the publisher's own entries than the one the corpus names as the original,
     * by {@code Representative}'s rule, in every order (docs/DUPLICATES.md, volta's and orinoco's rows).
     */
    private static final Map<String, String> SHOWN_OTHERWISE = Map.of("volta VD2", "the site's \"Watch:\" post and "
            + "the video on the publisher's own channel are both the publisher's, each on its own feed's site, under "
            + "URLs as many feeds carry (the post embeds the video); the earlier, the video, shows",
            "orinoco QC27", "a sibling institute's cross-post of it, a day later and with no note, is on its own "
            + "feed's site too, and two of that institute's feeds carry it against one of the publisher's: the URL "
            + "more feeds carry shows (publishing first does not outrank it: in five other corpora copies on their "
            + "own sites are dated before their originals)");

    /**
     * Whether two pieces were published at one address: a site that deleted a post and gave its id and address to
     * the next (nemunas's Baltic Brief). An address names one page, so feedletter takes entries under it for one
     * piece; a feed that does this in service shows one entry changing (here its two fetches are polled as two
     * feeds). docs/DUPLICATES.md, nemunas's row.
     */
    private static boolean oneAddress(DedupCorpus corpus, String a, String b) {
        return CanonicalUrl.of(corpus.pieces.get(a).originalUrl())
                .equals(CanonicalUrl.of(corpus.pieces.get(b).originalUrl()));
    }

    /**
     * Quick Comments that no entry the corpus polls files as one, by its feed's categories or the config's: no digest
     * can know them. Parana's QC06 was moved and refiled under "Análisis"; its first post is gone and the copies that
     * remain carry no category. Orinoco's AR2, a Quick Comment of 2025, comes back only through the network's archive
     * feed, filed under "Hace un año en la red".
     */
    private static final Map<String, Set<String>> FILED_AS_NONE = Map.of("parana", Set.of("QC06"),
            "orinoco", Set.of("AR2"));

    @ParameterizedTest(allowZeroInvocations = true)
    @MethodSource("corpora")
    void theQuickCommentDigestCarriesEachQuickCommentOnce(String name) {
        DedupCorpus corpus = new DedupCorpus(name);
        NewsletterConfig newsletter = quickComments(name);
        for (String order : List.of("copies first", "all at once")) {
            try (Database database = TestDatabases.fresh()) {
                List<String> copiesFirst = new ArrayList<>(corpus.publishersFirst());
                Collections.reverse(copiesFirst);
                Run run = order.equals("all at once") ? corpus.pollAtOnce(database)
                        : corpus.pollInOrder(database, copiesFirst);
                EditionStore editions = new EditionStore(database);
                MutableClock clock = new MutableClock(DedupCorpus.NOW);
                editions.syncNewsletters(List.of(newsletter), clock.instant());
                new SubscriberStore(database).seed("reader@example.org", "reader@example.org",
                        ZoneId.of("Europe/Stockholm"), List.of(newsletter.id()), clock.instant());
                EditionOutcome outcome = new EditionBuilder(editions, List.of(newsletter), "example.org", clock)
                        .buildNow(newsletter);

                Map<Long, List<String>> piecesOfItem = new HashMap<>();
                run.itemOf().forEach((label, item) -> piecesOfItem.computeIfAbsent(item, k -> new ArrayList<>())
                        .add(label.piece()));
                List<String> listed = new ArrayList<>();
                for (StoredItem item : editions.listedItems(outcome.editionId())) {
                    listed.addAll(new TreeSet<>(piecesOfItem.getOrDefault(item.id(), List.of("unlabelled item"))));
                }
                Set<String> unfiled = FILED_AS_NONE.getOrDefault(name, Set.of());
                unfiled.forEach(piece -> assertThat(corpus.filedUnder(piece, quickCommentCategories(name)))
                        .as("%s: %s is filed under no category of the newsletter", name, piece).isFalse());
                List<String> quickComments = corpus.pieces.values().stream().filter(Piece::quickComment)
                        .map(Piece::id).filter(id -> !unfiled.contains(id)).sorted().toList();
                assertThat(listed).as("%s, %s: the digest's pieces", name, order)
                        .containsExactlyInAnyOrderElementsOf(quickComments);
                assertThat(outcome.queued()).isEqualTo(1);
            }
        }
    }

    /**
     * Placement leaves out the pairs {@link PieceMatcher#mayMatch} rules out, unseen: on every pair of the corpus's
     * entries (summary and full text, copies, retitlings, short notes, hard negatives), such a pair is one the matcher
     * itself keeps apart. And it rules out a good share of them (a third at least: rhone, whose social posts and
     * bookmarks are mostly too short to compare by text, is at 43 %, the others over half).
     */
    @ParameterizedTest
    @DisabledIfSystemProperty(named = "feedletter.testStore", matches = "postgresql", disabledReason = STORE_FREE)
    @MethodSource("allCorpora")
    void theCheapTestRulesOutOnlyPairsTheMatcherKeepsApart(String name) {
        DedupCorpus corpus = new DedupCorpus(name);
        List<EntryEvidence> entries = new ArrayList<>();
        run(db -> {
            Run run = corpus.pollInOrder(db, corpus.feeds);
            ItemStore items = new ItemStore(db);
            Set<Long> ids = new TreeSet<>(run.itemOf().values());
            items.inTransaction((tx, attempt) -> {
                tx.entryReads().ofItems(ids).values()
                        .forEach(list -> list.forEach(s -> entries.add(Evidence.ofStored(s))));
                return null;
            });
            return run;
        });
        PieceMatcher matcher = new PieceMatcher(DedupSettings.defaults());
        int ruledOut = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                EntryEvidence a = entries.get(i);
                EntryEvidence b = entries.get(j);
                if (!matcher.mayMatch(a, b)) {
                    ruledOut++;
                    if (matcher.compare(a, b).same() || matcher.compare(b, a).same()) {
                        wrong.add(a.sourceKey() + " / " + b.sourceKey());
                    }
                }
            }
        }
        assertThat(entries).hasSize(corpus.labels.size());
        assertThat(ruledOut).as("pairs ruled out").isGreaterThan(entries.size() * (entries.size() - 1) / 6);
        assertThat(wrong).as("pairs ruled out that the matcher calls one piece").isEmpty();
    }

    private static Set<Long> itemsOf(DedupCorpus corpus, Run run, String piece) {
        Set<Long> items = new TreeSet<>();
        corpus.labels.stream().filter(l -> l.piece().equals(piece)).forEach(l -> items.add(run.itemOf().get(l)));
        return items;
    }

    private static Run run(Function<Database, Run> poll) {
        try (Database database = TestDatabases.fresh()) {
            return poll.apply(database);
        }
    }
}
