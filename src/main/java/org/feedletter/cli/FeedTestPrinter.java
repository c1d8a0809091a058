package org.feedletter.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.ItemFacts;
import org.feedletter.digest.ItemFilter;
import org.feedletter.digest.TypeMarks;
import org.feedletter.ingest.poll.FeedProbe;
import org.feedletter.store.StoredItem;

/** Prints what reading a feed once showed: where it is, its title, its items, and which newsletters take which. */
final class FeedTestPrinter {

    private FeedTestPrinter() {}

    static void print(FeedProbe.Readable feed, List<NewsletterConfig> newsletters, PrintWriter out, Terminal terminal) {
        out.println("Feed:       " + feed.feedUrl() + "  (" + feed.format() + ")");
        if (feed.fromPage()) {
            out.println("            " + feed.requestedUrl() + " is a web page; this is the feed it links to"
                    + (feed.otherFeeds().isEmpty() ? "" : " (it links " + feed.otherFeeds().size() + " more: "
                    + String.join(", ", feed.otherFeeds().stream().map(Object::toString).toList()) + ")"));
        } else if (!feed.feedUrl().equals(feed.requestedUrl())) {
            out.println("            " + feed.requestedUrl() + " moved here permanently");
        }
        out.println("Title:      " + (feed.title() == null ? "(none)" : feed.title()));
        out.println("Items:      " + feed.items().size());
        printTypeMarks(TypeMarks.of(feed.items()), out);
        if (newsletters.isEmpty()) {
            out.println("No newsletter is configured, so no item would be mailed.");
        }
        for (NewsletterConfig newsletter : newsletters) {
            printNewsletter(feed, newsletter, out, terminal);
        }
        out.flush();
    }

    /** How the entries mark their type, each way as the rule that would take it. */
    private static void printTypeMarks(TypeMarks marks, PrintWriter out) {
        if (marks.items() == 0) {
            return;
        }
        if (marks.isEmpty()) {
            out.println("Types:      no category, URL folder, title prefix or label tells its entries apart; if the "
                    + "feed is all of one type, give it categories: [...] in the config");
            return;
        }
        List<String> lines = new java.util.ArrayList<>();
        line(lines, "categories: ", marks.categories(), marks.items());
        line(lines, "url-path: ", marks.urlPaths(), marks.items());
        line(lines, "title prefix (categories takes it): ", marks.titlePrefixes(), marks.items());
        line(lines, "labels: ", marks.labels(), marks.items());
        for (int i = 0; i < lines.size(); i++) {
            out.println((i == 0 ? "Types:      " : "            ") + lines.get(i));
        }
    }

    private static void line(List<String> lines, String rule, List<TypeMarks.Mark> marks, int items) {
        if (!marks.isEmpty()) {
            lines.add(rule + String.join(", ", marks.stream()
                    .map(m -> m.value() + " (" + m.count() + " of " + items + ")").toList()));
        }
    }

    private static void printNewsletter(FeedProbe.Readable feed, NewsletterConfig newsletter, PrintWriter out,
            Terminal terminal) {
        List<StoredItem> items = feed.items();
        // A filter may name the feed by the URL asked for (as configured) or the one it moved to.
        List<URI> feedUrls = List.of(feed.requestedUrl(), feed.feedUrl()).stream().distinct().toList();
        ItemFilter filter = ItemFilter.of(newsletter);
        List<ItemFilter.Decision> decisions = items.stream()
                .map(item -> filter.explain(ItemFacts.of(item, feedUrls))).toList();
        long taken = decisions.stream().filter(ItemFilter.Decision::included).count();
        out.println();
        out.println(terminal.bold("Newsletter " + newsletter.id()) + " (" + newsletter.title() + "): would take "
                + taken + " of " + items.size() + " item" + (items.size() == 1 ? "" : "s"));
        TextTable table = new TextTable(List.of("", "ITEM", "WHY"), 0, 60, 0);
        for (int i = 0; i < items.size(); i++) {
            ItemFilter.Decision decision = decisions.get(i);
            table.row(List.of(decision.included() ? "in" : "out", items.get(i).title(), decision.reason()),
                    decision.included() ? terminal::green : terminal::dim);
        }
        if (!table.isEmpty()) {
            table.print(out, "  ", terminal);
        }
    }
}
