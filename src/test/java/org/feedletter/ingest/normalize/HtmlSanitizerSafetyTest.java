package org.feedletter.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Hostile HTML through our sanitizer, checked by jsoup's own validator with the same allow-list: whatever tricks
 * an input plays, the output holds only allowed tags, attributes and URL schemes.
 */
class HtmlSanitizerSafetyTest {

    static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>",
            "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
            "<IMG SRC=\"javascript:alert('XSS');\">",
            "<IMG SRC=JaVaScRiPt:alert('XSS')>",
            "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
            "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
            "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
            "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
            "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
            "<IMG SRC=\"jav\tascript:alert('XSS');\">",
            "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
            "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
            "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
            "<a href=\"  javascript:alert(1)\">x</a>",
            "<a href=\"java\u0000script:alert(1)\">x</a>",
            "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
            "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
            "<iframe src=http://evil.example/scriptlet.html <",
            "<svg/onload=alert('XSS')>",
            "<svg><script>alert(1)</script></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<form><button formaction=javascript:alert(1)>x</button></form>",
            "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TD BACKGROUND=\"javascript:alert('XSS')\">",
            "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
            "<STYLE>@import'http://evil.example/xss.css';</STYLE>",
            "<LINK REL=\"stylesheet\" HREF=\"http://evil.example/xss.css\">",
            "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
            "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://evil.example/scriptlet.html\"></OBJECT>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
            "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
            "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<template><img src=x onerror=alert(1)></template>",
            "<p style=\"color:red\" class=\"x\" id=\"y\" onclick=\"z()\">p</p>",
            "<base href=\"javascript:alert('XSS');//\"><a href=\"x\">x</a>",
            "<a href=\"vbscript:msgbox(1)\">x</a><a href=\"file:///etc/passwd\">y</a>",
            "<xmp><script>alert(1)</script></xmp>",
            "<p>" + "<b>".repeat(5000) + "deep" + "</b>".repeat(5000) + "</p>");

    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    @ParameterizedTest
    @FieldSource("HOSTILE")
    void outputPassesJsoupsValidatorWithTheSameAllowList(String hostile) {
        String safe = sanitizer.sanitize(hostile, "https://example.org/base/").html();

        assertThat(new Cleaner(HtmlSanitizer.SAFELIST).isValidBodyHtml(safe)).as(safe).isTrue();
        String lower = safe.toLowerCase();
        assertThat(lower).doesNotContain("javascript", "vbscript", "data:", "<script", "onerror", "onload", "style=");
        for (Element link : Jsoup.parseBodyFragment(safe).select("[href], [src], [cite]")) {
            String url = link.hasAttr("href") ? link.attr("href") : link.hasAttr("src") ? link.attr("src") : link.attr("cite");
            assertThat(url).as(safe).matches("(https?|mailto):.*");
        }
    }
}
