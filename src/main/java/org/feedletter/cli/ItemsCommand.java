package org.feedletter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.feedletter.ingest.dedup.ItemProvenance;
import org.feedletter.ingest.dedup.ProvenanceLookup;
import org.feedletter.store.StoredItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "items", description = "Looks into the stored items.", subcommands = {ItemsCommand.Why.class},
        footer = {"", "Examples:",
                "  feedletter items why 42",
                "  feedletter items why https://partner.example/republished/central-bank"})
final class ItemsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "why", description = {"Shows an item and every feed entry that carried it: the rule that joined "
            + "each entry to the item (new, canonical-url, declared-original, fingerprint, title) and its evidence, what each",
            "entry carried, and which entry the item shows and why."},
            footer = {"", "Exit codes: 0 shown; 1 no item matches; 2 bad config or usage."})
    static final class Why implements Callable<Integer> {

        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "ITEM", description = "The item's id, its public id (urn:feedletter:...), or a URL: "
                + "the item's own, any entry's that carried it, or an original one of them declared.")
        String item;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            return config.withStore(spec.commandLine().getErr(), feedletter -> {
                ProvenanceLookup lookup = feedletter.items().lookup();
                List<StoredItem> found = lookup.find(item);
                if (found.isEmpty()) {
                    spec.commandLine().getErr().println("No item matches " + item + ".");
                    return ExitCode.FAILURES;
                }
                for (StoredItem one : found) {
                    print(lookup.of(one), out);
                }
                out.flush();
                return ExitCode.OK;
            });
        }

        private static void print(ItemProvenance provenance, PrintWriter out) {
            StoredItem item = provenance.item();
            out.println("Item " + item.id() + "  " + item.publicId());
            out.println("  Title:       " + item.title());
            out.println("  URL:         " + (item.canonicalUrl() == null ? "(none)" : item.canonicalUrl()));
            out.println("  Published:   " + Times.utc(item.published()) + ", first seen " + Times.utc(item.firstSeenAt()));
            out.println("  Categories:  " + (item.categories().isEmpty() ? "(none)" : String.join(", ", item.categories())));
            out.println("  Shown from:  " + feedName(provenance.shownFrom()) + ": " + provenance.whyShown());
            for (ItemProvenance.Alias alias : provenance.alsoUnder()) {
                out.println("  Also under:  " + alias.url() + "  (" + alias.why() + ")");
            }
            out.println("  Sources:     " + provenance.sources().size());
            for (ItemProvenance.Source source : provenance.sources()) {
                out.println("    " + feedName(source.feed()) + ", entry " + source.guid() + ", first seen "
                        + Times.utc(source.firstSeenAt()) + (source.shown() ? "  [shown]" : ""));
                if (source.originalUrl() != null) {
                    out.println("      " + source.originalUrl());
                }
                ItemProvenance.Carried c = source.carried();
                out.println("      published " + Times.utc(c.published()) + "; title \"" + c.titleFolded() + "\"; authors "
                        + c.authors() + "; " + c.texts() + "; " + c.marks());
                out.println("      rule " + source.rule() + (source.evidence() == null ? ""
                        : ": " + source.evidence()));
            }
        }

        private static String feedName(ItemProvenance.Feed feed) {
            return "feed " + feed.id() + (feed.label() == null ? "" : " (" + feed.label() + ")");
        }
    }
}
